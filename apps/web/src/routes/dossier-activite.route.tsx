import { DossierActiviteView } from '../activite/dossier-activite.view';
import { RecordRoute } from './record-route';

export function DossierActiviteRoute() {
  return <RecordRoute render={(id) => <DossierActiviteView key={id} pvdId={id} />} />;
}
