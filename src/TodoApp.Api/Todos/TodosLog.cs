namespace TodoApp.Api.Todos;

/// <summary>The Todos endpoints' log lines, all under this feature's own category (not a Core store's).</summary>
public sealed partial class TodosLog(ILogger<TodosLog> logger)
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Todo {TodoId} created")]
    public partial void Created(string todoId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Todo {TodoId} completed")]
    public partial void Completed(string todoId);
}
