import { useSearchParams } from 'react-router';
import { UnsubscribeView } from '../notifications/unsubscribe.view';

export function UnsubscribeRoute() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('jeton') ?? '';
  return <UnsubscribeView key={token} token={token} />;
}
