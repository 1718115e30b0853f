import { MissionsView } from '../missions/missions.view';

export function MissionsRoute() {
  return <MissionsView />;
}
