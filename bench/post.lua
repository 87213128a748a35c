-- wrk script: POST the GraphQL request in $BODY to the URL given on the command line.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json"
wrk.body = os.getenv("BODY")
-- A bearer token when AUTH is set ("Bearer <token>"): every field but __typename needs a signed-in caller.
if os.getenv("AUTH") ~= nil and os.getenv("AUTH") ~= "" then wrk.headers["Authorization"] = os.getenv("AUTH") end

local non2xx = 0
response = function(status, headers, body)
  if status ~= 200 then non2xx = non2xx + 1 end
end
