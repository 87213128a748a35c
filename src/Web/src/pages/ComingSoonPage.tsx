import { PageHeader } from '../components/PageHeader';
import { EmptyState } from '../components/States';

/** A navigation entry whose page comes in a later release; says so plainly and points at the API meanwhile. */
export function ComingSoonPage({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="This page is not built yet.">
        <p>
          It will show {what}. Meanwhile the same data is in the API: try it in <a href="/graphql/ui">GraphiQL</a>.
        </p>
      </EmptyState>
    </>
  );
}
