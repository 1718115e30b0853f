import { OperationHabitatView } from '../territoire/operation-habitat.view';
import { RecordRoute } from './record-route';

export function OperationHabitatRoute() {
  return <RecordRoute render={(id) => <OperationHabitatView key={id} operationId={id} />} />;
}
