import { useParams } from 'react-router';
import { ConventionView } from '../conventions/convention.view';

export function ConventionRoute() {
  const { id = '' } = useParams();
  // key: a fresh view (and form state) per convention.
  return <ConventionView key={id} id={id} />;
}
