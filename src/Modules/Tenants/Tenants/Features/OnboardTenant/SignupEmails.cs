using System.Net;
using System.Net.Mail;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inventory.Tenants.Features.OnboardTenant;

internal sealed record SignupEmail(string To, string Subject, string Body);

/// <summary>Sends the signup confirmation code: to the log, to files in a folder (tests, development), or over SMTP.</summary>
internal interface ISignupEmailSender
{
    Task SendAsync(SignupEmail email, CancellationToken cancellationToken);
}

internal static class SignupEmailSenders
{
    public static ISignupEmailSender Create(IOptions<OnboardingOptions> options, ILoggerFactory logs) => options.Value.Email.Sender switch
    {
        EmailSenderKind.File => new FileSignupEmailSender(options.Value.Email),
        EmailSenderKind.Smtp => new SmtpSignupEmailSender(options.Value.Email),
        _ => new LogSignupEmailSender(logs.CreateLogger<LogSignupEmailSender>()),
    };
}

/// <summary>Writes the message, code included, to the log: for development only.</summary>
internal sealed class LogSignupEmailSender(ILogger<LogSignupEmailSender> logger) : ISignupEmailSender
{
    public Task SendAsync(SignupEmail email, CancellationToken cancellationToken)
    {
        logger.LogWarning("Signup email to {To} (log sender, development only): {Subject}\n{Body}", email.To, email.Subject, email.Body);
        return Task.CompletedTask;
    }
}

/// <summary>One RFC 822 file per message in a folder, readable by the owner only (the code is a secret until used).</summary>
internal sealed class FileSignupEmailSender(EmailOptions options) : ISignupEmailSender
{
    public async Task SendAsync(SignupEmail email, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Folder!);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        var text = $"From: {options.From}\r\nTo: {email.To}\r\nSubject: {email.Subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{email.Body}\r\n";
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var stream = new FileStream(path, file);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
    }
}

/// <summary>SMTP through the base class library's <see cref="SmtpClient"/> (enough for one short message per signup).</summary>
internal sealed class SmtpSignupEmailSender(EmailOptions options) : ISignupEmailSender
{
    public async Task SendAsync(SignupEmail email, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient(options.SmtpHost!, options.SmtpPort) { EnableSsl = options.SmtpEnableSsl };
        if (!string.IsNullOrEmpty(options.SmtpUserName))
            client.Credentials = new NetworkCredential(options.SmtpUserName, options.SmtpPassword);
        using var message = new MailMessage(options.From, email.To, email.Subject, email.Body);
        await client.SendMailAsync(message, cancellationToken);
    }
}
