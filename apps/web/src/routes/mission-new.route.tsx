import { NewMissionView } from '../missions/new-mission.view';

export function NewMissionRoute() {
  return <NewMissionView />;
}
