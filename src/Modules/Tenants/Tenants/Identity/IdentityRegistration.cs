using FluentValidation;
using Inventory.BuildingBlocks.Modules;
using Inventory.BuildingBlocks.Security;
using Inventory.Tenants.Identity.Features.ApiKeys;
using Inventory.Tenants.Identity.Features.ChangePassword;
using Inventory.Tenants.Identity.Features.Login;
using Inventory.Tenants.Identity.Features.ManageUsers;
using Inventory.Tenants.Identity.GraphQL;
using Inventory.Tenants.Identity.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Identity;

/// <summary>Users, API keys and sign-in of every tenant: called from <c>TenantsModule</c>.</summary>
internal static class IdentityRegistration
{
    public static void Add(ModuleBuilder module)
    {
        module.AddDatabase<IdentityDbContext, SqliteIdentityDbContext, PostgresIdentityDbContext, SqlServerIdentityDbContext>(IdentityDbContext.SchemaName);
        module.AddDemoDataSeeder<DemoAdminSeeder>();

        var services = module.Services;
        services.AddOptions<JwtOptions>().Bind(module.Configuration.GetSection(JwtOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer) && !string.IsNullOrWhiteSpace(o.Audience), $"{JwtOptions.Section}: Issuer and Audience must not be empty.")
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero, $"{JwtOptions.Section}:AccessTokenLifetime must be positive.")
            .Validate(o => string.IsNullOrWhiteSpace(o.SigningKey) || JwtSigningKey.Problem(o.SigningKey) is null,
                $"{JwtOptions.Section}:SigningKey must be base64 of at least {JwtOptions.MinSigningKeyBytes} random bytes.")
            .ValidateOnStart();
        services.AddOptions<SignInBackoffOptions>().Bind(module.Configuration.GetSection(SignInBackoffOptions.Section))
            .Validate(o => o.Account.IsValid && o.AccountAllAddresses.IsValid && o.Address.IsValid,
                $"{SignInBackoffOptions.Section}: FreeAttempts, BaseDelay and ResetAfter must be positive, MaxDelay at least BaseDelay.")
            .ValidateOnStart();
        services.AddSingleton<SignInBackoff>();

        services.AddOptions<SecurityStampOptions>().Bind(module.Configuration.GetSection(SecurityStampOptions.Section))
            .Validate(o => o.CacheDuration >= TimeSpan.Zero && o.CacheDuration <= TimeSpan.FromMinutes(5),
                $"{SecurityStampOptions.Section}:CacheDuration must be between 0 and 5 minutes (it bounds how long another host honours a stale token).")
            .Validate(o => o.MaxCachedCallers > 0, $"{SecurityStampOptions.Section}:MaxCachedCallers must be positive.")
            .ValidateOnStart();

        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<AccessTokens>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>());
        services.AddSingleton<IAdminAccountProvisioner, AdminAccountProvisioner>();
        services.TryAddSingleton<IValidator<LoginInput>, LoginValidator>();
        services.AddScoped<LoginHandler>();
        services.AddScoped<CreateUserHandler>();
        services.AddScoped<UpdateUserRolesHandler>();
        services.AddScoped<DeactivateUserHandler>();
        services.AddScoped<CreateApiKeyHandler>();
        services.AddScoped<RevokeApiKeyHandler>();
        services.AddSingleton<IApiKeyAuthenticator, ApiKeyAuthenticator>();
        services.AddSingleton<SecurityStamps>();
        services.AddSingleton<ICallerValidator, SecurityStampValidator>();
        services.AddScoped<ChangePasswordHandler>();
        services.AddSingleton<ChangePasswordAttempts>();
        services.AddScoped<ApiKeyCreators>();
    }
}
