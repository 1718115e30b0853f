import { useParams } from 'react-router';
import { OperationHabitatView } from '../territoire/operation-habitat.view';

export function OperationHabitatRoute() {
  const { id = '' } = useParams();
  return <OperationHabitatView key={id} operationId={id} />;
}
