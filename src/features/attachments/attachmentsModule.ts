// The attachments feature's lazily loaded part, built as its own bundle (dist/attachments.js, see
// esbuild.mjs): building attachments, the workspace's file index, the quick pick and the commands'
// handlers. lazyAttachments.ts loads it on first use; what must run from the window's start (the
// terminal capture, the quick fix's registration) stays in the main bundle.
import '../../core/zodEnglish'; // its own copy of zod (this bundle's): English messages, as in the main bundle
export { attachmentCommands } from './attachmentCommands';
export { WorkspaceAttachments } from './workspaceAttachments';
