import { useParams } from 'react-router';
import { PosteView } from '../postes/poste.view';

export function PosteRoute() {
  const { id = '' } = useParams();
  return <PosteView key={id} posteId={id} />;
}
