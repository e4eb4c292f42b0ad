using System.Globalization;
using System.Text.Json;
using TodoApp.Api.Infrastructure;
using TodoApp.Core.Todos;

namespace TodoApp.Api.Todos;

/// <summary>
/// Reads a PATCH document property by property, because "absent" and "null" mean different things
/// (leave the field, clear the field) and a typed record cannot tell them apart.
/// </summary>
internal static class TodoPatchReader
{
    public static TodoChanges Read(JsonElement body, Dictionary<string, string[]> errors)
    {
        try
        {
            return ReadObject(body, errors);
        }
        catch (InvalidOperationException)
        {
            // JSON may escape a lone surrogate ("\ud800"): valid JSON, but not text we can store.
            errors["body"] = ["The body contains text that is not valid Unicode."];
            return new TodoChanges();
        }
    }

    private static TodoChanges ReadObject(JsonElement body, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["The body must be a JSON object."];
            return new TodoChanges();
        }
        var changes = new TodoChanges();
        foreach (var property in body.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name.ToLowerInvariant())
            {
                case "title" when value.ValueKind == JsonValueKind.String:
                    errors.AddIfInvalid("title", TodoRules.CheckTitle(value.GetString()));
                    changes = changes with { Title = value.GetString() };
                    break;
                case "title":
                    errors["title"] = ["Title must be a non-empty string."];
                    break;
                case "notes" when value.ValueKind == JsonValueKind.Null:
                    changes = changes with { ClearNotes = true };
                    break;
                case "notes" when value.ValueKind == JsonValueKind.String:
                    errors.AddIfInvalid("notes", TodoRules.CheckNotes(value.GetString()));
                    changes = changes with { Notes = value.GetString() };
                    break;
                case "completed" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    changes = changes with { Completed = value.GetBoolean() };
                    break;
                case "duedate" when value.ValueKind == JsonValueKind.Null:
                    changes = changes with { ClearDueDate = true };
                    break;
                case "duedate" when value.ValueKind == JsonValueKind.String &&
                    DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due):
                    changes = changes with { DueDate = due };
                    break;
                case "labels" when value.ValueKind == JsonValueKind.Null:
                    changes = changes with { Labels = [] };
                    break;
                case "labels" when value.ValueKind == JsonValueKind.Array:
                    var labels = value.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString() : null).ToArray();
                    errors.AddIfInvalid("labels", TodoRules.CheckLabels(labels));
                    changes = changes with { Labels = labels! };
                    break;
                case "title" or "notes" or "completed" or "duedate" or "labels":
                    errors[property.Name] = [Expected(property.Name)];
                    break;
                default:
                    UnknownProperty(errors, property.Name);
                    break;
            }
        }
        if (errors.Count == 0 && changes.IsEmpty)
        {
            errors["body"] = ["Send at least one of title, notes, completed, dueDate, labels."];
        }
        return changes;
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The name is echoed back in the answer, so it must be valid text and of sane length.</summary>
    private static void UnknownProperty(Dictionary<string, string[]> errors, string name)
    {
        try
        {
            StrictUtf8.GetByteCount(name);
        }
        catch (System.Text.EncoderFallbackException)
        {
            errors["body"] = ["The body contains text that is not valid Unicode."];
            return;
        }
        var shown = name.Length > 64 ? name[..64] + "…" : name;
        errors[shown] = [$"'{shown}' is not a known property."];
    }


    private static string Expected(string name) => name.ToLowerInvariant() switch
    {
        "notes" => "Notes must be a string or null.",
        "completed" => "Completed must be true or false.",
        "duedate" => "Due date must be a date in the form YYYY-MM-DD, or null.",
        _ => "Labels must be an array of strings, or null.",
    };
}
