using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Michigrad.Playground.Lab.Running;

/// <summary>
/// Rewrites a snippet's syntax tree so it runs under a <see cref="Budget"/>: every loop body and labelled statement
/// starts with <c>Budget.Tick()</c>, every block lambda too; every body of a method, local function, constructor,
/// operator or accessor is wrapped in <c>Budget.Enter(); try { … } finally { Budget.Exit(); }</c> (expression bodies
/// become blocks); every <c>catch</c> gets <c>when (!Budget.IsExceeded)</c>, so a snippet cannot catch its own end.
/// </summary>
/// <remarks>
/// What is inserted carries no line breaks, so every original token keeps its line. Expression-bodied lambdas are
/// left alone (whether one returns a value is not written in its syntax): code that loops only inside them is ended
/// by the page's watchdog instead.
/// </remarks>
internal sealed class BudgetRewriter : CSharpSyntaxRewriter
{
    private const string Type = "global::Michigrad.Playground.Lab.Running.Budget";

    private static readonly StatementSyntax TickStatement = ParseStatement($"{Type}.Tick();");
    private static readonly StatementSyntax EnterStatement = ParseStatement($"{Type}.Enter();");
    private static readonly BlockSyntax ExitBlock = Block(ParseStatement($"{Type}.Exit();"));
    private static readonly ExpressionSyntax NotExceeded = ParseExpression($"!{Type}.IsExceeded");

    /// <summary>The tree with the budget's calls inserted.</summary>
    public static SyntaxTree Rewrite(SyntaxTree tree) =>
        tree.WithRootAndOptions(new BudgetRewriter().Visit(tree.GetRoot()), tree.Options);

    // ---- Loops: a tick per iteration. ----

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) =>
        ((WhileStatementSyntax)base.VisitWhileStatement(node)!).WithStatement(Ticking(node.Statement, Visit));

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) =>
        ((DoStatementSyntax)base.VisitDoStatement(node)!).WithStatement(Ticking(node.Statement, Visit));

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) =>
        ((ForStatementSyntax)base.VisitForStatement(node)!).WithStatement(Ticking(node.Statement, Visit));

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) =>
        ((ForEachStatementSyntax)base.VisitForEachStatement(node)!).WithStatement(Ticking(node.Statement, Visit));

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node) =>
        ((ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!).WithStatement(Ticking(node.Statement, Visit));

    // A label is where a goto loop starts.
    public override SyntaxNode? VisitLabeledStatement(LabeledStatementSyntax node) =>
        ((LabeledStatementSyntax)base.VisitLabeledStatement(node)!).WithStatement(Ticking(node.Statement, Visit));

    private static BlockSyntax Ticking(StatementSyntax original, Func<SyntaxNode, SyntaxNode?> visit)
    {
        var body = (StatementSyntax)visit(original)!;
        return body is BlockSyntax block
            ? block.WithStatements(block.Statements.Insert(0, TickStatement))
            : Block(TickStatement, body).WithTriviaFrom(body);
    }

    // ---- Lambdas with a block body: a tick per call. ----

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var lambda = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return lambda.Block is { } block ? lambda.WithBlock(block.WithStatements(block.Statements.Insert(0, TickStatement))) : lambda;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var lambda = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return lambda.Block is { } block ? lambda.WithBlock(block.WithStatements(block.Statements.Insert(0, TickStatement))) : lambda;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var method = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return method.WithBlock(method.Block.WithStatements(method.Block.Statements.Insert(0, TickStatement)));
    }

    // ---- Methods and everything else with a body: one level deeper while it runs. ----

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var method = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        (BlockSyntax? body, bool rewritten) = Counted(method.Body, method.ExpressionBody, ReturnsValue(method.ReturnType, method.Modifiers));
        return rewritten ? method.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default) : method;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var function = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        (BlockSyntax? body, bool rewritten) = Counted(function.Body, function.ExpressionBody, ReturnsValue(function.ReturnType, function.Modifiers));
        return rewritten ? function.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default) : function;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var constructor = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        (BlockSyntax? body, bool rewritten) = Counted(constructor.Body, constructor.ExpressionBody, returnsValue: false);
        return rewritten ? constructor.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default) : constructor;
    }

    public override SyntaxNode? VisitDestructorDeclaration(DestructorDeclarationSyntax node)
    {
        var destructor = (DestructorDeclarationSyntax)base.VisitDestructorDeclaration(node)!;
        (BlockSyntax? body, bool rewritten) = Counted(destructor.Body, destructor.ExpressionBody, returnsValue: false);
        return rewritten ? destructor.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default) : destructor;
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var op = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        (BlockSyntax? body, bool rewritten) = Counted(op.Body, op.ExpressionBody, ReturnsValue(op.ReturnType, op.Modifiers));
        return rewritten ? op.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default) : op;
    }

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        var op = (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!;
        (BlockSyntax? body, bool rewritten) = Counted(op.Body, op.ExpressionBody, returnsValue: true);
        return rewritten ? op.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default) : op;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var accessor = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        bool returnsValue = accessor.Keyword.IsKind(SyntaxKind.GetKeyword);
        (BlockSyntax? body, bool rewritten) = Counted(accessor.Body, accessor.ExpressionBody, returnsValue);
        return rewritten ? accessor.WithBody(body).WithExpressionBody(null).WithSemicolonToken(default) : accessor;
    }

    // `int P => x;` is a getter written short: it becomes `int P { get { … } }`.
    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var property = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        if (property.ExpressionBody is not { } arrow) return property;
        return property.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow));
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var indexer = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        if (indexer.ExpressionBody is not { } arrow) return indexer;
        return indexer.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(Getter(arrow));
    }

    private static AccessorListSyntax Getter(ArrowExpressionClauseSyntax arrow) =>
        AccessorList(SingletonList(AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Counted(null, arrow, returnsValue: true).Body)));

    // ---- Catch clauses: never the budget's own exception. ----

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var clause = (CatchClauseSyntax)base.VisitCatchClause(node)!;
        ExpressionSyntax condition = clause.Filter is { } filter
            ? BinaryExpression(SyntaxKind.LogicalAndExpression, NotExceeded, ParenthesizedExpression(filter.FilterExpression))
            : NotExceeded;
        return clause.WithFilter(CatchFilterClause(condition));
    }

    /// <summary>A body wrapped in Enter / try / finally Exit; an expression body becomes a statement, a return or a throw.</summary>
    private static (BlockSyntax? Body, bool Rewritten) Counted(BlockSyntax? block, ArrowExpressionClauseSyntax? arrow, bool returnsValue)
    {
        BlockSyntax inner;
        if (block is not null) inner = block;
        else if (arrow is not null)
            inner = Block(arrow.Expression switch
            {
                // `=> throw e` is a throw statement in a block (a throw expression cannot stand alone or be returned).
                ThrowExpressionSyntax thrown => ThrowStatement(thrown.Expression),
                _ when returnsValue => ReturnStatement(arrow.Expression),
                _ => ExpressionStatement(arrow.Expression),
            });
        else return (null, false);   // abstract, extern, partial or auto: nothing runs here
        BlockSyntax body = Block(EnterStatement, TryStatement(inner, default, FinallyClause(ExitBlock)));
        return (block is null ? body : body.WithTriviaFrom(block), true);
    }

    /// <summary>Whether <c>=> e</c> means <c>return e;</c>: not for void, nor for an async method's plain Task.</summary>
    private static bool ReturnsValue(TypeSyntax returnType, SyntaxTokenList modifiers)
    {
        if (returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }) return false;
        bool isAsync = modifiers.Any(SyntaxKind.AsyncKeyword);
        string name = returnType is QualifiedNameSyntax q ? q.Right.ToString() : returnType.ToString();
        return !(isAsync && name is "Task" or "ValueTask");
    }
}
