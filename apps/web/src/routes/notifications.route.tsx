import { NotificationCentreView } from '../notifications/notification-centre.view';

export function NotificationsRoute() {
  return <NotificationCentreView />;
}
