import { OperationsHabitatView } from '../territoire/operations-habitat.view';

export function OperationsHabitatRoute() {
  return <OperationsHabitatView />;
}
