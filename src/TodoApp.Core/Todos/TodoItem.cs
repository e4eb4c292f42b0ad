using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Todos;

/// <summary>How a <see cref="Todo"/> is laid out as a DynamoDB item.</summary>
public static class TodoItem
{
    public const string Type = "Todo";

    /// <summary>Maintained by the attachment store's slot reservation; the todo's own writes never set it.</summary>
    public const string AttachmentCountAttribute = "attachmentCount";

    public static Dictionary<string, AttributeValue> ToItem(string userId, Todo todo, string? origin = null)
    {
        var item = new Dictionary<string, AttributeValue>(16)
        {
            [Keys.PK] = S(Keys.User(userId)),
            [Keys.SK] = S(Keys.Todo(todo.Id)),
            ["type"] = S(Type),
            ["id"] = S(todo.Id),
            ["title"] = S(todo.Title),
            ["completed"] = Bool(todo.Completed),
            ["labels"] = List(todo.Labels),
            ["createdAt"] = Time(todo.CreatedAt),
            ["updatedAt"] = Time(todo.UpdatedAt),
            ["version"] = N(todo.Version),
        };
        if (todo.Notes is not null)
        {
            item["notes"] = S(todo.Notes);
        }
        if (todo.DueDate is { } due)
        {
            item["dueDate"] = Date(due);
        }
        if (todo.CompletedAt is { } completedAt)
        {
            item["completedAt"] = Time(completedAt);
            item[Keys.Gsi1PK] = S(Keys.CompletedShard(userId));
            item[Keys.Gsi1SK] = CompletedSortKey(completedAt, userId, todo.Id);
        }
        if (origin is not null)
        {
            item["origin"] = S(origin);
        }
        return item;
    }

    /// <summary>Sorts by completion time, so "completed before the cutoff" is one key range.</summary>
    public static AttributeValue CompletedSortKey(DateTimeOffset completedAt, string userId, string todoId) =>
        S($"{Time(completedAt).S}#{userId}#{todoId}");

    public static Todo FromItem(Dictionary<string, AttributeValue> item) => new(
        Id: item.GetString("id"),
        Title: item.GetString("title"),
        Notes: item.GetStringOrNull("notes"),
        Completed: item.GetBool("completed"),
        DueDate: item.GetDateOrNull("dueDate"),
        Labels: item.GetStringList("labels"),
        CreatedAt: item.GetTime("createdAt"),
        UpdatedAt: item.GetTime("updatedAt"),
        CompletedAt: item.GetTimeOrNull("completedAt"),
        Version: item.GetLong("version"),
        AttachmentCount: (int)item.GetLong(AttachmentCountAttribute));
}
