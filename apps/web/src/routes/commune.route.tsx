import { useParams } from 'react-router';
import { CommuneDetailView } from '../communes/commune-detail.view';

export function CommuneRoute() {
  const { insee = '' } = useParams();
  // key: a fresh view (and focus handling) per commune.
  return <CommuneDetailView key={insee} insee={insee} />;
}
