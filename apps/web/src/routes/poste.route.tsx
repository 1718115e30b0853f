import { PosteView } from '../postes/poste.view';
import { RecordRoute } from './record-route';

export function PosteRoute() {
  return <RecordRoute render={(id) => <PosteView key={id} posteId={id} />} />;
}
