using System.Reflection;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Messaging;
using Inventory.BuildingBlocks.Persistence;
using Inventory.BuildingBlocks.Scheduling;
using MassTransit;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inventory.BuildingBlocks.Modules;

/// <summary>
/// What one module registers, through its single entry (<c>AddCatalogModule()</c>): services, its DbContext,
/// GraphQL root fields and types, integration events, message consumers, scheduled jobs and seeders.
/// </summary>
public sealed class ModuleBuilder
{
    private readonly PlatformModules _platform;
    private readonly ModuleDescriptor _descriptor;

    internal ModuleBuilder(PlatformModules platform, ModuleDescriptor descriptor)
    {
        _platform = platform;
        _descriptor = descriptor;
    }

    public IServiceCollection Services => _platform.Services;
    public IConfiguration Configuration => _platform.Configuration;

    public ModuleBuilder AddDatabase<TContext, TSqlite, TPostgres, TSqlServer>(string schema)
        where TContext : ModuleDbContext
        where TSqlite : TContext
        where TPostgres : TContext
        where TSqlServer : TContext
    {
        Services.AddSingleton<IModuleDatabase>(sp => new ModuleDatabase<TContext, TSqlite, TPostgres, TSqlServer>(
            schema,
            sp.GetRequiredService<IOptions<DatabaseOptions>>(),
            // Every IInterceptor in the container joins the module's DbContexts (the outbox signal, test probes...).
            sp.GetServices<IInterceptor>().ToList(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        Services.TryAddScoped<ModuleDbContextFactory<TContext>>();
        _descriptor.Schemas.Add(schema);
        return this;
    }

    /// <summary>The module's tables in the system database (one for the whole platform, not per tenant).</summary>
    public ModuleBuilder AddSystemDatabase<TContext, TSqlite, TPostgres, TSqlServer>(string schema)
        where TContext : ModuleDbContext
        where TSqlite : TContext
        where TPostgres : TContext
        where TSqlServer : TContext
    {
        Services.AddSingleton<ISystemDatabase>(sp => new SystemDatabase<TContext, TSqlite, TPostgres, TSqlServer>(
            schema,
            sp.GetRequiredService<IOptions<DatabaseOptions>>(),
            sp.GetServices<IInterceptor>().ToList(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()));
        Services.TryAddSingleton<SystemDbContextFactory<TContext>>();
        _descriptor.Schemas.Add(schema);
        return this;
    }

    /// <summary>Adds the module's root fields; every graph type of the module's assembly is registered with it.</summary>
    public ModuleBuilder AddGraphQL<TRootFields>() where TRootFields : class, IGraphQLRootFields
    {
        Services.AddSingleton<IGraphQLRootFields, TRootFields>();
        _platform.GraphQLAssemblies.Add(typeof(TRootFields).Assembly);
        return this;
    }

    public ModuleBuilder AddIntegrationEvents(Assembly contracts)
    {
        foreach (var type in IntegrationEventTypes.DeclaredIn(contracts))
            _platform.EventTypes.Add(type);
        return this;
    }

    public ModuleBuilder AddConsumer<TConsumer>() where TConsumer : class, IConsumer
    {
        _platform.Consumers.Add(typeof(TConsumer));
        return this;
    }

    /// <summary>
    /// Makes one of the module's integration events live: every host relays it from the bus (on a queue of its own)
    /// into <see cref="Realtime.LiveEvents"/>, where the module's subscription fields observe it.
    /// </summary>
    public ModuleBuilder AddLiveEvent<TEvent>() where TEvent : class
    {
        if (!_platform.LiveEventTypes.Contains(typeof(TEvent)))
            _platform.LiveEventTypes.Add(typeof(TEvent));
        return this;
    }

    /// <summary>A job that runs on a fixed interval once per active tenant, inside that tenant's scope.</summary>
    public ModuleBuilder AddTenantJob<TJob>(TimeSpan interval) where TJob : class, ITenantJob
    {
        Services.AddScoped<TJob>();
        _platform.Jobs.Add(new TenantJobRegistration(typeof(TJob), interval));
        return this;
    }

    /// <summary>Defaults every tenant database gets (at onboarding, and at start for configured tenants).</summary>
    public ModuleBuilder AddSeeder<TSeeder>() where TSeeder : class, ITenantSeeder
    {
        Services.AddScoped<ITenantSeeder, TSeeder>();
        return this;
    }

    /// <summary>Sample data for the embedded default's configured tenants only.</summary>
    public ModuleBuilder AddDemoDataSeeder<TSeeder>() where TSeeder : class, IDemoDataSeeder
    {
        Services.AddScoped<IDemoDataSeeder, TSeeder>();
        return this;
    }
}

public sealed record ModuleDescriptor(string Name)
{
    public List<string> Schemas { get; } = [];
}
