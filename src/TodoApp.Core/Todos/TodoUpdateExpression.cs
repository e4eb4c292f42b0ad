using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using TodoApp.Core.Data;
using static TodoApp.Core.Data.AttributeValues;

namespace TodoApp.Core.Todos;

/// <summary>Turns a <see cref="TodoChanges"/> into one conditional UpdateItem.</summary>
internal static class TodoUpdateExpression
{
    public static UpdateItemRequest Build(
        string table, Dictionary<string, AttributeValue> key, string userId, string todoId,
        TodoChanges changes, long? expectedVersion, DateTimeOffset now)
    {
        var set = new List<string> { "updatedAt = :now", "version = version + :one" };
        var remove = new List<string>();
        var values = new Dictionary<string, AttributeValue> { [":now"] = Time(now), [":one"] = N(1) };

        if (changes.Title is { } title)
        {
            set.Add("title = :title");
            values[":title"] = S(title.Trim());
        }
        if (changes.Notes is { } notes)
        {
            set.Add("notes = :notes");
            values[":notes"] = S(notes);
        }
        else if (changes.ClearNotes)
        {
            remove.Add("notes");
        }
        if (changes.DueDate is { } due)
        {
            set.Add("dueDate = :due");
            values[":due"] = Date(due);
        }
        else if (changes.ClearDueDate)
        {
            remove.Add("dueDate");
        }
        if (changes.Labels is { } labels)
        {
            set.Add("labels = :labels");
            values[":labels"] = List(TodoRules.NormalizeLabels(labels));
        }
        if (changes.Completed == true)
        {
            // Completing twice keeps the first completion time (and its cleanup index entry).
            set.Add("completed = :true");
            set.Add("completedAt = if_not_exists(completedAt, :now)");
            set.Add("GSI1PK = if_not_exists(GSI1PK, :shard)");
            set.Add("GSI1SK = if_not_exists(GSI1SK, :completedKey)");
            values[":true"] = Bool(true);
            values[":shard"] = S(Keys.CompletedShard(userId));
            values[":completedKey"] = TodoItem.CompletedSortKey(now, userId, todoId);
        }
        else if (changes.Completed == false)
        {
            set.Add("completed = :false");
            values[":false"] = Bool(false);
            remove.AddRange(["completedAt", "GSI1PK", "GSI1SK"]);
        }

        var condition = "attribute_exists(PK)";
        if (expectedVersion is { } version)
        {
            condition += " AND version = :expected";
            values[":expected"] = N(version);
        }

        var expression = "SET " + string.Join(", ", set) + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove) : "");
        return new UpdateItemRequest
        {
            TableName = table,
            Key = key,
            UpdateExpression = expression,
            ConditionExpression = condition,
            ExpressionAttributeValues = values,
            ReturnValues = ReturnValue.ALL_NEW,
        };
    }
}
