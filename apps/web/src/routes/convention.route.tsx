import { ConventionView } from '../conventions/convention.view';
import { RecordRoute } from './record-route';

export function ConventionRoute() {
  return <RecordRoute render={(id) => <ConventionView key={id} id={id} />} />;
}
