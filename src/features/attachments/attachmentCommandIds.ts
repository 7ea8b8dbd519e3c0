// The attachments feature's command ids, apart from their handlers (attachmentCommands.ts, in the
// lazily loaded bundle) so the window's start-up can name them without loading it.
export const ATTACH_TO_CHAT_COMMAND = 'switchboard.attachToChat';
export const ATTACH_PROBLEM_COMMAND = 'switchboard.attachProblem';
