import { useParams } from 'react-router';
import { NewPosteView } from '../postes/new-poste.view';

export function NewPosteRoute() {
  const { id = '' } = useParams();
  return <NewPosteView key={id} pvdId={id} />;
}
