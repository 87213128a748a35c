using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Inventory.BuildingBlocks.Messaging;

/// <summary>Proof that a consumer has applied a message: written in the consumer's own transaction.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; private set; }
    public string Consumer { get; private set; } = "";
    public DateTime ProcessedAt { get; private set; }

    public static InboxMessage Create(Guid messageId, string consumer, DateTime processedAt) =>
        new() { MessageId = messageId, Consumer = consumer, ProcessedAt = processedAt };

    internal static void Configure(EntityTypeBuilder<InboxMessage> entity)
    {
        entity.ToTable("inbox_messages");
        entity.HasKey(m => new { m.MessageId, m.Consumer });
        entity.Property(m => m.Consumer).HasMaxLength(200);
        // The retention pruner deletes the oldest proofs first, in small batches.
        entity.HasIndex(m => m.ProcessedAt);
    }
}
