import { Link } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { EmptyState } from '../components/States';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title="There is no page at this address.">
        <p>
          Go to the <Link to="/">dashboard</Link>.
        </p>
      </EmptyState>
    </>
  );
}
