using FluentValidation;
using GraphQL.Types;
using Inventory.BuildingBlocks.GraphQL;
using Inventory.BuildingBlocks.Modules;
using Inventory.BuildingBlocks.Tenancy;
using Inventory.Tenants.Features.ApproveSignup;
using Inventory.Tenants.Features.ConfirmSignup;
using Inventory.Tenants.Features.GetTenant;
using Inventory.Tenants.Features.ProvisioningProgress;
using Inventory.Tenants.Features.OnboardTenant;
using Inventory.Tenants.Features.Operators;
using Inventory.Tenants.Features.RetryProvisioning;
using Inventory.Tenants.Identity;
using Inventory.Tenants.Provisioning;
using Inventory.Tenants.Registry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants;

/// <summary>The Tenants module's one public entry: the tenant registry, onboarding and provisioning, users and sign-in.</summary>
public static class TenantsModule
{
    public const string Name = "Tenants";

    public static PlatformModules AddTenantsModule(this PlatformModules modules) =>
        modules.AddModule(Name, module =>
        {
            module.AddSystemDatabase<RegistryDbContext, SqliteRegistryDbContext, PostgresRegistryDbContext, SqlServerRegistryDbContext>(RegistryDbContext.SchemaName);
            module.AddGraphQL<TenantsRootFields>();
            module.AddIntegrationEvents(typeof(Contracts.TenantsContractsMarker).Assembly);
            IdentityRegistration.Add(module);

            var services = module.Services;
            services.AddValidatorsFromAssemblyContaining<TenantsRootFields>(includeInternalTypes: true);
            services.AddSingleton<RegistryTenantSource>();
            services.AddSingleton<ITenantSource>(sp => sp.GetRequiredService<RegistryTenantSource>());
            services.AddSingleton<PlacementPolicy>();
            services.AddSingleton<ProvisioningQueue>();
            services.AddSingleton<ProvisioningPipeline>();
            services.AddSingleton<ProvisioningNotifier>();
            services.Configure<ProvisioningProgressOptions>(module.Configuration.GetSection(ProvisioningProgressOptions.Section));
            services.AddHostedService<ProvisioningWorker>();
            services.AddOptions<OnboardingOptions>().Bind(module.Configuration.GetSection(OnboardingOptions.Section))
                .Validate(o => o.IsValid, $"{OnboardingOptions.Section}: the quotas, CodeLifetime and MaxCodeAttempts must be positive; " +
                    "the email sender needs its Folder (File) or SmtpHost (Smtp).")
                .ValidateOnStart();
            services.AddSingleton(sp => SignupEmailSenders.Create(sp.GetRequiredService<IOptions<OnboardingOptions>>(), sp.GetRequiredService<ILoggerFactory>()));
            services.AddScoped<OnboardTenantHandler>();
            services.AddScoped<ConfirmTenantSignupHandler>();
            services.AddScoped<ApproveTenantSignupHandler>();
            services.AddScoped<RetryTenantProvisioningHandler>();
            services.AddScoped<TenantStatusHandler>();
        });
}

internal sealed class TenantsRootFields : IGraphQLRootFields
{
    public void AddQueryFields(ObjectGraphType query)
    {
        TenantQuery.Add(query);
        OperatorFields.AddQueryFields(query);
        IdentityGraphQL.AddQueryFields(query);
    }

    public void AddMutationFields(ObjectGraphType mutation)
    {
        OnboardTenantMutation.Add(mutation);
        ConfirmTenantSignupMutation.Add(mutation);
        ApproveTenantSignupMutations.Add(mutation);
        RetryTenantProvisioningMutation.Add(mutation);
        OperatorFields.AddMutationFields(mutation);
        IdentityGraphQL.AddMutationFields(mutation);
    }

    public void AddSubscriptionFields(ObjectGraphType subscription) => TenantProvisioningSubscription.Add(subscription);
}
