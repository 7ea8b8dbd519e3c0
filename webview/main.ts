import { mount } from 'svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('Switchboard: #app missing from the webview HTML');
mount(App, { target });
