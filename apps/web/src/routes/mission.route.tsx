import { MissionView } from '../missions/mission.view';
import { RecordRoute } from './record-route';

export function MissionRoute() {
  return <RecordRoute render={(id) => <MissionView key={id} missionId={id} />} />;
}
