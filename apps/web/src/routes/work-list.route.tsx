import { WorkListView } from '../work-list/work-list.view';

export function WorkListRoute() {
  return <WorkListView />;
}
