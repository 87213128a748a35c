using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inventory.BuildingBlocks.Messaging;

public enum OutboxStatus { Pending = 0, Sent = 1, Dead = 2 }

/// <summary>
/// An integration event waiting to leave. Written in the same transaction as the change that raised it;
/// its id becomes the message id on the bus, which is what the consumers' inbox deduplicates on.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; private set; }
    public string TenantId { get; private set; } = "";
    public string Type { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTime OccurredAt { get; private set; }
    public OutboxStatus Status { get; internal set; }
    public int Attempts { get; internal set; }
    public DateTime NextAttemptAt { get; internal set; }
    public DateTime? LockedUntil { get; internal set; }
    public DateTime? SentAt { get; internal set; }
    public string? LastError { get; internal set; }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static OutboxMessage Create<TEvent>(TEvent integrationEvent, string tenantId, DateTime occurredAt) where TEvent : class => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        Type = integrationEvent.GetType().FullName!,
        Payload = JsonSerializer.Serialize(integrationEvent, integrationEvent.GetType(), JsonOptions),
        OccurredAt = occurredAt,
        Status = OutboxStatus.Pending,
        NextAttemptAt = occurredAt,
    };

    internal static void Configure(EntityTypeBuilder<OutboxMessage> entity)
    {
        entity.ToTable("outbox_messages");
        entity.HasKey(m => m.Id);
        entity.Property(m => m.Id).ValueGeneratedNever();
        entity.Property(m => m.TenantId).HasMaxLength(64).IsRequired();
        entity.Property(m => m.Type).HasMaxLength(256).IsRequired();
        entity.Property(m => m.Payload).IsRequired();
        entity.Property(m => m.LastError).HasMaxLength(2000);
        entity.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // The retention pruner deletes sent messages oldest first, in small batches: it reads this index, never the table.
        entity.HasIndex(m => new { m.Status, m.SentAt });
    }
}
