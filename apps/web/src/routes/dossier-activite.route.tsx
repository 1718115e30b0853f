import { useParams } from 'react-router';
import { DossierActiviteView } from '../activite/dossier-activite.view';

export function DossierActiviteRoute() {
  const { id = '' } = useParams();
  return <DossierActiviteView key={id} pvdId={id} />;
}
