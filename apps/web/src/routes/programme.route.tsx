import { ProgrammeView } from '../public/programme.view';

export function ProgrammeRoute() {
  return <ProgrammeView />;
}
