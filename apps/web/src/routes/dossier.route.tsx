import { DossierView } from '../dossiers/dossier.view';
import { RecordRoute } from './record-route';

export function DossierRoute() {
  return <RecordRoute render={(id) => <DossierView key={id} pvdId={id} />} />;
}
