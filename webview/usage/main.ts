import { mount } from 'svelte';
import UsageReport from './UsageReport.svelte';
import '../styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('Switchboard: #app missing from the webview HTML');
mount(UsageReport, { target });
