import { useParams } from 'react-router';
import { DossierView } from '../dossiers/dossier.view';

export function DossierRoute() {
  const { id = '' } = useParams();
  // key: a fresh view (and form state) per dossier.
  return <DossierView key={id} pvdId={id} />;
}
