using GraphQL;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.GraphQL.Cost;
using Inventory.BuildingBlocks.GraphQL.DataLoaders;
using Inventory.BuildingBlocks.GraphQL.Documents;
using Inventory.BuildingBlocks.GraphQL.Http;
using Inventory.BuildingBlocks.GraphQL.WebSockets;
using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Modules;
using Inventory.BuildingBlocks.Operations;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Realtime;
using Inventory.BuildingBlocks.Scheduling;
using Inventory.BuildingBlocks.Tenancy;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quartz;

namespace Inventory.BuildingBlocks;

/// <summary>The composition of the platform: what every host has, plus what the listed modules contribute.</summary>
public static class InventoryPlatform
{
    public static WebApplicationBuilder AddInventoryPlatform(this WebApplicationBuilder builder, Action<PlatformModules> modules)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure<IHostEnvironment>((o, env) => o.DataFolder = Path.GetFullPath(o.DataFolder, env.ContentRootPath));
        services.AddOptions<TenancyOptions>().Bind(configuration.GetSection(TenancyOptions.Section))
            .Validate(o => string.IsNullOrEmpty(o.OperatorKey) || o.OperatorKey.Length >= TenancyOptions.MinOperatorKeyLength,
                $"Tenancy:OperatorKey must be at least {TenancyOptions.MinOperatorKeyLength} characters (or unset, which closes operator access).")
            .ValidateOnStart();
        services.AddSingleton<Inventory.BuildingBlocks.Security.OperatorKeyGuard>();
        services.Configure<MessagingOptions>(configuration.GetSection(MessagingOptions.Section));
        services.Configure<GraphQLHttpOptions>(configuration.GetSection(GraphQLHttpOptions.Section));
        services.Configure<GraphQLWebSocketOptions>(configuration.GetSection(GraphQLWebSocketOptions.Section));
        services.AddSingleton<GraphQLWebSocketConnections>();
        // Per-root-field limits (MaxPerRequest, RateLimitPerClient), keyed by the caller's address.
        services.Configure<Security.RateLimitingOptions>(configuration.GetSection(Security.RateLimitingOptions.Section));
        services.AddSingleton<Security.ClientRateLimits>();
        services.AddScoped<Security.ClientAddress>();
        services.Configure<QueryCostOptions>(configuration.GetSection(QueryCostOptions.Section));
        services.AddSingleton<QueryCostBudgets>();
        services.Configure<StartupOptions>(configuration.GetSection(StartupOptions.Section));
        services.TryAddSingletonTimeProvider();

        AddTenancy(services);
        AddPersistence(services);

        var platform = new PlatformModules(services, configuration);
        modules(platform);
        services.AddSingleton(platform);
        services.AddSingleton(platform.EventTypes);

        AddGraphQL(services, configuration, platform);
        AddMessaging(services, configuration, platform);
        AddScheduling(services, configuration, platform);
        AddOperations(builder);
        return builder;
    }

    public static WebApplication MapInventoryPlatform(this WebApplication app)
    {
        app.UseWebSockets();
        app.MapGraphQLHttp("/graphql");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
        app.MapMethods("/health/ready", [HttpMethods.Get, HttpMethods.Head], ReadinessEndpoint.HandleAsync).WithDisplayName("Readiness");
        return app;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
            services.AddSingleton(TimeProvider.System);
    }

    private static void AddTenancy(IServiceCollection services)
    {
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddSingleton<ITenantScopeFactory, TenantScopeFactory>();
        services.AddSingleton<ITenantSource, ConfigurationTenantStore>();
        services.AddSingleton<ITenantStore, CompositeTenantStore>();
        services.AddSingleton<ITenantResolver, TenantResolver>();
        services.AddAuthentication(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        // A token is decoded and its signature checked once while it lives, not on every request (ADR 20); the
        // security stamp is still asked per request.
        services.AddSingleton<Security.ValidatedTokenCache>();
        services.AddSingleton<IPostConfigureOptions<Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions>, Security.CacheValidatedTokens>();
    }

    private static void AddPersistence(IServiceCollection services)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IGraphQLRootFields, OutboxAdminFields>();
        services.AddSingleton<OutboxCommitInterceptor>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<OutboxCommitInterceptor>());
        services.AddSingleton<TenantDatabaseMigrator>();
        services.AddHostedService<TenantDatabaseInitializer>();
    }

    private static void AddGraphQL(IServiceCollection services, IConfiguration configuration, PlatformModules platform)
    {
        var http = configuration.GetSection(GraphQLHttpOptions.Section).Get<GraphQLHttpOptions>() ?? new GraphQLHttpOptions();
        services.AddScoped<DataLoaderContext>();
        services.Configure<DocumentCacheOptions>(configuration.GetSection(DocumentCacheOptions.Section));
        services.AddSingleton<ParsedDocumentCache>();
        services.AddGraphQL(b =>
        {
            b.AddSchema<InventorySchema>()
                .AddSystemTextJson(o => o.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
                .AddGraphTypes(typeof(InventoryPlatform).Assembly)
                .AddComplexityAnalyzer(o =>
                {
                    o.MaxDepth = http.MaxDepth;
                    o.MaxComplexity = http.MaxComplexity;
                })
                // Every rule below runs for a cached document too (ADR 20): each depends on this request's variables, its
                // caller or a budget. Only the standard rules, which depend on the document alone, are skipped on a hit.
                .ConfigureExecutionOptions(o => o.CachedDocumentValidationRules = (o.CachedDocumentValidationRules ?? [])
                    .Append(o.RequestServices!.GetRequiredService<global::GraphQL.Validation.Rules.Custom.ComplexityValidationRule>()))
                // NUL in any argument or variable is refused before any resolver runs (mutation inputs answer a user
                // error instead, through the shared validation path). A cached document's literals were checked once.
                .AddValidationRule<TextArgumentsRule>()
                .ConfigureExecutionOptions(o => o.CachedDocumentValidationRules = (o.CachedDocumentValidationRules ?? []).Append(TextArgumentsRule.ForCachedDocuments))
                // Per-request counts and per-address rate limits of anonymous fields (login, onboardTenant). Before the
                // cost rule: rules run in this order, and the cost rule takes from the caller's budget only when no
                // rule before it refused, so a login refused RATE_LIMITED costs no budget points.
                .AddValidationRule<Security.FieldLimitRule>(useForCachedDocuments: true)
                // Database cost and the caller's budget (ADR 15), for both transports.
                .AddValidationRule<QueryCostRule>(useForCachedDocuments: true)
                // Parsed documents by query text, for both transports; see DocumentCacheExecution for what still runs.
                .ConfigureExecution<DocumentCacheExecution>()
                .AddErrorInfoProvider(new PlatformErrorInfoProvider(new global::GraphQL.Execution.ErrorInfoProviderOptions { ExposeExceptionDetails = http.ExposeExceptionDetails }))
                .AddUnhandledExceptionHandler(ErrorMasking.Handle);
            foreach (var assembly in platform.GraphQLAssemblies.Distinct())
                b.AddGraphTypes(assembly);
            if (!http.EnableIntrospection)
                b.AddValidationRule<global::GraphQL.Validation.Rules.Custom.NoIntrospectionValidationRule>();
        });
    }

    private static void AddMessaging(IServiceCollection services, IConfiguration configuration, PlatformModules platform)
    {
        var options = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        services.AddSingleton<LiveEventsHost>();
        services.AddSingleton<LiveEvents>();
        services.AddOptions<LiveEventsOptions>().Bind(configuration.GetSection(LiveEventsOptions.Section));
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.EndpointPrefix, includeNamespace: false));
            foreach (var consumer in platform.Consumers)
                x.AddConsumer(consumer);
            foreach (var live in platform.LiveEventTypes)
                x.AddConsumer(typeof(LiveEventRelay<>).MakeGenericType(live), typeof(LiveEventRelayDefinition<>).MakeGenericType(live));

            if (options.Transport == MessageTransport.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    var uri = new Uri(options.RabbitMqUri);
                    var userInfo = uri.UserInfo.Split(':', 2);
                    var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
                    cfg.Host(uri.Host, (ushort)(uri.IsDefaultPort ? 5672 : uri.Port), virtualHost.Length == 0 ? "/" : virtualHost, h =>
                    {
                        h.Username(userInfo.Length > 0 && userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest");
                        h.Password(userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest");
                    });
                    // The prefix names the exchanges too, not only the queues: deployments (or test runs) sharing a
                    // broker then never receive each other's events, whatever their tenants are called.
                    if (!string.IsNullOrEmpty(options.EndpointPrefix))
                        cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, options.EndpointPrefix + "."));
                    UsePlatformFilters(context, cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) =>
                {
                    UsePlatformFilters(context, cfg);
                    cfg.ConfigureEndpoints(context);
                });
            }
        });
    }

    private static void UsePlatformFilters(IBusRegistrationContext context, IBusFactoryConfigurator cfg)
    {
        // The tenant is set on the consumer's scope before the consumer (and its DbContext) resolves.
        cfg.UseConsumeFilter(typeof(TenantConsumeFilter<>), context);
        cfg.UseMessageRetry(r => r.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(500)));
    }

    private static void AddScheduling(IServiceCollection services, IConfiguration configuration, PlatformModules platform)
    {
        var outbox = (configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions()).Outbox;
        services.AddQuartz(q =>
        {
            var sweep = new JobKey("outbox-sweep");
            q.AddJob<OutboxSweepJob>(j => j.WithIdentity(sweep));
            q.AddTrigger(t => t.ForJob(sweep).StartNow().WithSimpleSchedule(s => s.WithInterval(outbox.SweepInterval).RepeatForever()));
            var prune = new JobKey("outbox-prune");
            q.AddJob<OutboxPruneJob>(j => j.WithIdentity(prune));
            q.AddTrigger(t => t.ForJob(prune).StartNow().WithSimpleSchedule(s => s.WithInterval(outbox.PruneInterval).RepeatForever()));

            foreach (var job in platform.Jobs)
            {
                var runner = typeof(TenantJobRunner<>).MakeGenericType(job.JobType);
                var key = new JobKey(job.JobType.Name);
                q.AddJob(runner, j => j.WithIdentity(key));
                q.AddTrigger(t => t.ForJob(key).StartNow().WithSimpleSchedule(s => s.WithInterval(job.Interval).RepeatForever()));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    private static void AddOperations(WebApplicationBuilder builder)
    {
        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.Section));
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        builder.Services.Configure<HealthOptions>(builder.Configuration.GetSection(HealthOptions.Section));
        builder.Services.AddSingleton<ReadinessCache>();
        builder.Services.AddHealthChecks()
            .AddCheck<TenantDatabasesHealthCheck>("tenant-databases", tags: ["ready"]);

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(telemetry.ServiceName))
            .WithTracing(t => t
                .AddSource(Telemetry.Name, "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation())
            .WithMetrics(m => m
                .AddMeter(Telemetry.Name, "MassTransit", "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation());

        switch (telemetry.Exporter.ToLowerInvariant())
        {
            case "console":
                otel.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter());
                break;
            case "otlp":
                otel.WithTracing(t => t.AddOtlpExporter(o => { if (telemetry.OtlpEndpoint is { } e) o.Endpoint = new Uri(e); }))
                    .WithMetrics(m => m.AddOtlpExporter(o => { if (telemetry.OtlpEndpoint is { } e) o.Endpoint = new Uri(e); }));
                break;
        }
    }
}
