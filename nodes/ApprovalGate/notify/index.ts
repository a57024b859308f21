import { approvalWebhookChannel } from './webhook';
import type { NotificationChannel } from './message';
import { slackChannel } from './slack';
import { teamsChannel } from './teams';

export type { ApprovalNotification, ChannelSettings, DeliveryOutcome, NotificationChannel } from './message';

/** The channels the gate can notify approvers through, by the value of its Channel parameter. */
export const notificationChannels: Record<NotificationChannel['key'], NotificationChannel> = {
	slack: slackChannel,
	teams: teamsChannel,
	webhook: approvalWebhookChannel,
};
