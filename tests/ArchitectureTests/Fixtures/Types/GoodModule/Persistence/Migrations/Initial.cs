using Microsoft.EntityFrameworkCore.Migrations;

// Shaped like an EF Core migration: unsealed as the tool writes it, made internal as the module's face requires.
namespace Inventory.ArchitectureTests.Fixtures.GoodModule.Persistence.Migrations;

internal partial class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
    }
}
