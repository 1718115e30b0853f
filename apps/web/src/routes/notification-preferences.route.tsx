import { PreferencesView } from '../notifications/preferences.view';

export function NotificationPreferencesRoute() {
  return <PreferencesView />;
}
