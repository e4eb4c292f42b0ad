using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TodoApp.Core.Data;

/// <summary>Where the single DynamoDB table lives. Bound from the <c>Table</c> section.</summary>
public sealed class TableOptions
{
    public const string Section = "Table";

    [Required(ErrorMessage = "Table:Name is required (environment variable TABLE__NAME).")]
    public string Name { get; set; } = "";
}

[OptionsValidator]
public sealed partial class TableOptionsValidator : IValidateOptions<TableOptions>;
