namespace Inventory.Tenants.Features.OnboardTenant;

/// <summary>How a signup proves itself before a tenant database is created (ADR 12).</summary>
internal enum VerificationMode
{
    /// <summary>Provisioning starts at once (the embedded default: <c>dotnet run</c> and the README's walk-through).</summary>
    None,

    /// <summary>A code is emailed to the administrator's address; <c>confirmTenantSignup</c> with it starts provisioning.</summary>
    EmailCode,

    /// <summary>An operator approves (<c>approveTenantSignup</c>) or rejects (<c>rejectTenantSignup</c>) each signup.</summary>
    OperatorApproval,
}

internal enum EmailSenderKind { Log, File, Smtp }

/// <summary>Configuration section <c>Onboarding</c>: the signup quotas, the verification step, and how its email leaves.</summary>
internal sealed class OnboardingOptions
{
    public const string Section = "Onboarding";

    /// <summary>Signups (tenants registered) per client address in any hour; counted in the system database, so for all hosts.</summary>
    public int MaxSignupsPerAddressPerHour { get; set; } = 50;

    /// <summary>Signups of the whole deployment in any hour.</summary>
    public int MaxSignupsPerHour { get; set; } = 1000;

    public VerificationMode Verification { get; set; } = VerificationMode.None;

    /// <summary>How long an emailed code works.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Wrong codes allowed before the signup must start again.</summary>
    public int MaxCodeAttempts { get; set; } = 5;

    public EmailOptions Email { get; set; } = new();

    public bool IsValid => MaxSignupsPerAddressPerHour > 0 && MaxSignupsPerHour > 0 && CodeLifetime > TimeSpan.Zero && MaxCodeAttempts > 0
        && (Verification != VerificationMode.EmailCode || Email.Problem() is null);
}

internal sealed class EmailOptions
{
    public EmailSenderKind Sender { get; set; } = EmailSenderKind.Log;

    /// <summary>The folder the File sender writes one <c>.eml</c> file per message into.</summary>
    public string? Folder { get; set; }

    public string From { get; set; } = "no-reply@inventory.local";
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public bool SmtpEnableSsl { get; set; } = true;
    public string? SmtpUserName { get; set; }
    public string? SmtpPassword { get; set; }

    public string? Problem() => Sender switch
    {
        EmailSenderKind.File when string.IsNullOrWhiteSpace(Folder) => "Onboarding:Email:Folder is required with the File sender.",
        EmailSenderKind.Smtp when string.IsNullOrWhiteSpace(SmtpHost) => "Onboarding:Email:SmtpHost is required with the Smtp sender.",
        _ => null,
    };
}
