import { EditEvenementView } from '../club/evenement-edit.view';
import { RecordRoute } from './record-route';

export function ClubEvenementEditRoute() {
  return <RecordRoute render={(id) => <EditEvenementView key={id} evenementId={id} />} />;
}
