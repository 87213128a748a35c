// GraphiQL at /graphql/ui: the API explorer, signed in with the admin UI's token (from localStorage).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { withBearer } from './api/graphql';
import { shallowIntrospection } from './api/introspection';
import { loadSession } from './api/session';
import { createSubscriptionClient, webSocketUrl } from './api/subscriptions';

const currentToken = () => loadSession()?.token ?? null;

const http = createGraphiQLFetcher({
  url: '/graphql',
  fetch: (input, init) => fetch(input, withBearer(init, currentToken())),
  wsClient: createSubscriptionClient({ url: webSocketUrl(window.location), token: currentToken }),
});

// GraphiQL's schema introspection, made shallow enough for the API's depth limit; every other request as is.
const fetcher: Fetcher = (params, options) => http({ ...params, query: shallowIntrospection(params.query) }, options);

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
          Not signed in: <a href="/login">sign in</a> first (the schema and tenant data need a signed-in user).
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
        <GraphiQL fetcher={fetcher} defaultQuery={'# Ask the API, e.g.\n{\n  products(first: 5) {\n    totalCount\n    nodes { sku name status }\n  }\n}\n'} />
      </div>
    </div>
  </StrictMode>,
);
