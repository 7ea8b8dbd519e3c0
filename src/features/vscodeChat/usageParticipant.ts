// `@switchboard` in VS Code's chat: `/usage` and `/budget` answer with the same figures as the
// status bar and the usage report, one keystroke away from where the user chats.
import * as vscode from 'vscode';
import type { BudgetService } from '../budget/budgetService';
import type { UsageService } from '../usage/usageService';
import { budgetReply, HELP_REPLY, usageReply } from './participantReplies';

export const PARTICIPANT_ID = 'switchboard.participant';

export interface ParticipantDeps {
  extensionUri: vscode.Uri;
  usage: UsageService;
  budget: BudgetService;
  budgetMode(): 'soft' | 'hard';
  providerLabel(providerId: string): string;
}

/** Registers the participant where VS Code has chat participants; undefined elsewhere. */
export function registerUsageParticipant(deps: ParticipantDeps): vscode.Disposable | undefined {
  if (typeof vscode.chat?.createChatParticipant !== 'function') return undefined;
  const participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, _context, stream) => {
    if (request.command === 'usage') {
      stream.markdown(usageReply({ today: deps.usage.summary('today'), month: deps.usage.summary('month'), providerLabel: deps.providerLabel }));
      stream.button({ command: 'switchboard.showUsage', title: 'Open Usage Report' });
    } else if (request.command === 'budget') {
      stream.markdown(budgetReply(deps.budget.rows(), deps.budgetMode()));
      stream.button({ command: 'workbench.action.openSettings', arguments: ['switchboard.budget'], title: 'Budget Settings' });
    } else {
      stream.markdown(HELP_REPLY);
    }
    return {};
  });
  participant.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.png');
  return participant;
}
