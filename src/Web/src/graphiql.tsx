// GraphiQL at /graphql/ui: the API explorer, signed in with the admin UI's token (from localStorage).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { buildSchema } from 'graphql';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import sdl from '../../../schema.graphql?raw';
import { createRoot } from 'react-dom/client';
import { withBearer } from './api/graphql';
import { loadSession } from './api/session';
import { createSubscriptionClient, webSocketUrl } from './api/subscriptions';

const currentToken = () => loadSession()?.token ?? null;

const fetcher = createGraphiQLFetcher({
  url: '/graphql',
  fetch: (input, init) => fetch(input, withBearer(init, currentToken())),
  wsClient: createSubscriptionClient({ url: webSocketUrl(window.location), token: currentToken }),
});

// The schema comes with the page, from the repository's schema.graphql (the contract as served; a test keeps
// them equal): the standard introspection query is far beyond the API's depth and complexity limits, which
// apply to every query alike.
const schema = buildSchema(sdl);

function Banner() {
  const session = loadSession();
  return (
    <header className="gql-banner">
      <a href="/">← Inventory admin</a>
      {session ? (
        <span>
          Signed in to <strong>{session.tenant}</strong> as <strong>{session.email}</strong>: requests carry your token.
        </span>
      ) : (
        <span role="alert">
          Not signed in: <a href="/login">sign in</a> first: queries of tenant data need a signed-in user.
        </span>
      )}
    </header>
  );
}

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <div className="gql-page">
      <Banner />
      <div className="gql-editor">
        <GraphiQL fetcher={fetcher} schema={schema} defaultQuery={'# Ask the API, e.g.\n{\n  products(first: 5) {\n    totalCount\n    nodes { sku name status }\n  }\n}\n'} />
      </div>
    </div>
  </StrictMode>,
);
