import { useParams } from 'react-router';
import { MissionView } from '../missions/mission.view';

export function MissionRoute() {
  const { id = '' } = useParams();
  return <MissionView key={id} missionId={id} />;
}
