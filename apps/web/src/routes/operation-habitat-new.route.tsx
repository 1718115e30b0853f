import { NewOperationHabitatView } from '../territoire/new-operation-habitat.view';

export function NewOperationHabitatRoute() {
  return <NewOperationHabitatView />;
}
