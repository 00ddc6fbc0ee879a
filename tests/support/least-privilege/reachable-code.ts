import ts from 'typescript';

export interface ReachableCode {
  /** Subtrees of our source whose code may run once the entry is loaded and invoked: bodies, initializers, top-level statements. */
  readonly roots: ReadonlySet<ts.Node>;
  /** Each call in reachable code, by the function (or constructor) it calls: what a parameter of that function may hold. */
  readonly callsTo: ReadonlyMap<ts.Node, readonly (ts.CallExpression | ts.NewExpression)[]>;
  /** SDK entry points that send requests without a command we can see (paginators, waiters, aggregated clients). */
  readonly unsupported: readonly string[];
}

/**
 * The code of `sourceRoot` that a Lambda entry file can run, to the method: a call graph from the
 * entry's top level, following every reference to a function, method, class or initializer, and every
 * call through a port (an interface of ours) to the same-named member of each class the reachable code
 * instantiates that answers to that port (it names the port, or its member has the port member's
 * shape). A class that is only imported, or a method no reachable code names, is not reachable, so a
 * function is not charged with what its adapters can do for others.
 *
 * It over-approximates where it cannot tell (all of a closure or object literal once named, every
 * member of a class that extends a library class), never under-approximates knowingly: what it cannot
 * follow (paginators, aggregated SDK clients) is reported in `unsupported`.
 *
 * @example
 * const { roots } = reachableCode(program, '/repo/lambdas/handlers/x-channel.ts', '/repo/lambdas/');
 */
export function reachableCode(program: ts.Program, entryFile: string, sourceRoot: string): ReachableCode {
  const checker = program.getTypeChecker();
  const roots = new Set<ts.Node>();
  const queue: ts.Node[] = [];
  const instantiated = new Set<ts.ClassLikeDeclaration>();
  /** Port members called so far, by name. */
  const dispatched = new Map<string, Set<PortMember>>();
  const callsTo = new Map<ts.Node, (ts.CallExpression | ts.NewExpression)[]>();
  const unsupported: string[] = [];

  const isOurs = (node: ts.Node): boolean => {
    const file = node.getSourceFile();
    return !file.isDeclarationFile && file.fileName.startsWith(sourceRoot);
  };
  const enqueue = (node: ts.Node | undefined): void => {
    if (node && isOurs(node) && !roots.has(node)) {
      roots.add(node);
      queue.push(node);
    }
  };

  const entry = program.getSourceFile(entryFile);
  if (!entry) throw new Error(`${entryFile} is not part of the program`);
  for (const statement of entry.statements) if (!isDeclarationOnly(statement)) enqueue(statement);
  for (const file of importClosure(entry)) {
    if (file === entry) continue;
    // What a module runs when it is loaded: its statements and the initializers that call something.
    for (const statement of file.statements) {
      if (ts.isExpressionStatement(statement)) enqueue(statement);
      else if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          if (declaration.initializer && callsAtLoad(declaration.initializer)) enqueue(declaration.initializer);
        }
      }
    }
  }

  while (queue.length > 0) walk(queue.shift()!);
  return { roots, callsTo, unsupported };

  function walk(node: ts.Node): void {
    if (isTypeOnly(node)) return;
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) resolve(node);
    else if (ts.isCallExpression(node) || ts.isNewExpression(node)) recordCall(node);
    ts.forEachChild(node, walk);
  }

  function resolve(identifier: ts.Identifier | ts.PrivateIdentifier): void {
    let symbol: ts.Symbol | undefined;
    const parent = identifier.parent;
    if (ts.isShorthandPropertyAssignment(parent) && parent.name === identifier) symbol = checker.getShorthandAssignmentValueSymbol(parent);
    else if (isDeclarationName(identifier)) return;
    else symbol = checker.getSymbolAtLocation(identifier);
    if (!symbol) return;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const declaration of symbol.declarations ?? []) {
      // `keys.partition(…)` reaches the member it names, not every member of the object literal `keys`.
      if (isObjectLiteralHolder(declaration) && isReadForAMember(identifier)) continue;
      reach(declaration, identifier);
    }
  }

  function reach(declaration: ts.Declaration, from: ts.Node): void {
    if (!isOurs(declaration)) {
      noteSdkEntryPoint(declaration, from);
      return;
    }
    if (
      ts.isFunctionDeclaration(declaration) ||
      ts.isMethodDeclaration(declaration) ||
      ts.isGetAccessorDeclaration(declaration) ||
      ts.isSetAccessorDeclaration(declaration) ||
      ts.isConstructorDeclaration(declaration) ||
      ts.isFunctionExpression(declaration) ||
      ts.isArrowFunction(declaration)
    ) {
      enqueue(declaration);
    } else if (ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) {
      enqueue(declaration.initializer);
    } else if (ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) {
      instantiate(declaration);
    } else if (ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration)) {
      dispatch(declaration);
    }
  }

  function instantiate(cls: ts.ClassLikeDeclaration): void {
    if (instantiated.has(cls)) return;
    instantiated.add(cls);
    for (const member of cls.members) {
      if (ts.isConstructorDeclaration(member) || ts.isClassStaticBlockDeclaration(member)) enqueue(member);
      else if (ts.isPropertyDeclaration(member)) enqueue(member.initializer);
    }
    const base = baseClassOf(cls);
    if (base === 'library' || (base && !isOurs(base))) {
      // A library calls what it calls on its own subclasses; we cannot see which, so all of them.
      for (const member of cls.members) if (ts.isMethodDeclaration(member)) enqueue(member);
    } else if (base) instantiate(base);
    for (const [name, members] of dispatched) {
      for (const member of members) if (answers(cls, member)) reachMembersNamed(cls, name);
    }
  }

  function dispatch(signature: ts.MethodSignature | ts.PropertySignature): void {
    const name = memberName(signature);
    if (name === undefined) return;
    // Reading a data field (`item.redrive`) runs nothing; only a member that can be called dispatches.
    if (ts.isPropertySignature(signature) && checker.getNonNullableType(checker.getTypeAtLocation(signature)).getCallSignatures().length === 0) return;
    const members = dispatched.get(name) ?? new Set<PortMember>();
    dispatched.set(name, members);
    if (members.has(signature)) return;
    members.add(signature);
    for (const cls of instantiated) if (answers(cls, signature)) reachMembersNamed(cls, name);
  }

  function reachMembersNamed(cls: ts.ClassLikeDeclaration, name: string): void {
    const members = cls.members.filter((member) => memberName(member) === name);
    for (const member of members) {
      if (ts.isPropertyDeclaration(member)) enqueue(member.initializer);
      else enqueue(member);
    }
    const base = baseClassOf(cls);
    if (members.length === 0 && base && base !== 'library' && isOurs(base)) reachMembersNamed(base, name);
  }

  /**
   * Whether a call through the port member `member` can land on `cls`: the class names the port (or one
   * extending it) among those it implements, or its own member of that name fits the port member's
   * type (a class passed where the port is expected without naming it). A same-named member of
   * another shape (`DeliveryLedger.get(key)` against `SubscriberStore.get(id)`) does not.
   */
  function answers(cls: ts.ClassLikeDeclaration, member: PortMember): boolean {
    const port = member.parent;
    const named = new Set<ts.Node>();
    for (let current: ts.ClassLikeDeclaration | 'library' | undefined = cls; current && current !== 'library'; current = baseClassOf(current)) {
      for (const clause of current.heritageClauses ?? []) {
        if (clause.token === ts.SyntaxKind.ImplementsKeyword) for (const type of clause.types) collectInterfaces(type, named);
      }
    }
    if (named.has(port)) return true;
    const own = memberNamed(cls, memberName(member)!);
    return own !== undefined && checker.isTypeAssignableTo(checker.getTypeAtLocation(own), checker.getTypeAtLocation(member));
  }

  function memberNamed(cls: ts.ClassLikeDeclaration, name: string): ts.ClassElement | undefined {
    const own = cls.members.find((member) => memberName(member) === name);
    if (own) return own;
    const base = baseClassOf(cls);
    return base && base !== 'library' && isOurs(base) ? memberNamed(base, name) : undefined;
  }

  /** Every interface a heritage type names (`Pick<EmailWork, 'send'>` names EmailWork), with those they extend. */
  function collectInterfaces(node: ts.Node, into: Set<ts.Node>): void {
    if (ts.isIdentifier(node)) {
      let symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      for (const declaration of symbol?.declarations ?? []) {
        if (!ts.isInterfaceDeclaration(declaration) || into.has(declaration)) continue;
        into.add(declaration);
        for (const clause of declaration.heritageClauses ?? []) for (const type of clause.types) collectInterfaces(type, into);
      }
      return;
    }
    ts.forEachChild(node, (child) => collectInterfaces(child, into));
  }

  /** The class `cls` extends; `'library'` for one the program declares no class for (`Error`). */
  function baseClassOf(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | 'library' | undefined {
    const extendsClause = cls.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword);
    const expression = extendsClause?.types[0]?.expression;
    if (!expression) return undefined;
    let symbol = checker.getSymbolAtLocation(expression);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol?.declarations?.find((declaration): declaration is ts.ClassLikeDeclaration => ts.isClassLike(declaration)) ?? 'library';
  }

  function recordCall(call: ts.CallExpression | ts.NewExpression): void {
    const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
    let symbol = checker.getSymbolAtLocation(callee);
    if (!symbol) return;
    if (symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const declaration of symbol.declarations ?? []) {
      const target = ts.isNewExpression(call)
        ? ts.isClassLike(declaration) ? declaration.members.find(ts.isConstructorDeclaration) : undefined
        : ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isFunctionLike(declaration.initializer) ? declaration.initializer : declaration;
      if (!target) continue;
      if (!ts.isFunctionLike(target) || !isOurs(target)) continue;
      const calls = callsTo.get(target) ?? [];
      calls.push(call);
      callsTo.set(target, calls);
    }
  }

  function noteSdkEntryPoint(declaration: ts.Declaration, from: ts.Node): void {
    const file = declaration.getSourceFile().fileName;
    if (!file.includes('/node_modules/@aws-sdk/')) return;
    const name = ts.isFunctionDeclaration(declaration) || ts.isClassDeclaration(declaration) ? declaration.name?.text : undefined;
    if (name === undefined) return;
    const sendsItself = ts.isFunctionDeclaration(declaration) ? /^(paginate|waitUntil|waitFor)/.test(name) : !/(Command|Client|Exception|Error)$/.test(name);
    if (sendsItself) unsupported.push(`${where(from)}: ${name} sends requests the analysis cannot see; send a command with client.send(new …Command(…)) instead`);
  }

  function importClosure(start: ts.SourceFile): ts.SourceFile[] {
    const seen = new Set<ts.SourceFile>([start]);
    const pending = [start];
    while (pending.length > 0) {
      const file = pending.pop()!;
      for (const statement of file.statements) {
        const typeOnly = ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly === true : ts.isExportDeclaration(statement) && statement.isTypeOnly;
        const specifier = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
        if (!specifier || typeOnly) continue;
        const target = checker.getSymbolAtLocation(specifier)?.valueDeclaration;
        if (target && ts.isSourceFile(target) && isOurs(target) && !seen.has(target)) {
          seen.add(target);
          pending.push(target);
        }
      }
    }
    return [...seen];
  }
}

type PortMember = ts.MethodSignature | ts.PropertySignature;

/** `file:line` of a node, relative to the repository, for messages. */
export function where(node: ts.Node): string {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  const relative = file.fileName.replace(/^.*?\/(lambdas|tests)\//, '$1/');
  return `${relative}:${line + 1}`;
}

function isObjectLiteralHolder(declaration: ts.Declaration): boolean {
  const initializer = ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration) ? declaration.initializer : undefined;
  let value = initializer;
  while (value && (ts.isAsExpression(value) || ts.isSatisfiesExpression(value) || ts.isParenthesizedExpression(value))) value = value.expression;
  return value !== undefined && ts.isObjectLiteralExpression(value);
}

/** `a` (or `a.b`) in `a.b.c`: read only to reach one of its members. */
function isReadForAMember(identifier: ts.Identifier | ts.PrivateIdentifier): boolean {
  const access = ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier ? identifier.parent : identifier;
  return ts.isPropertyAccessExpression(access.parent) && access.parent.expression === access;
}

function isDeclarationOnly(statement: ts.Statement): boolean {
  return (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isImportDeclaration(statement) ||
    ts.isExportDeclaration(statement)
  );
}

function isTypeOnly(node: ts.Node): boolean {
  return (
    ts.isTypeNode(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isImportDeclaration(node) ||
    ts.isExportDeclaration(node) ||
    (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword)
  );
}

function isDeclarationName(identifier: ts.Node): boolean {
  const parent = identifier.parent as ts.Node & { name?: ts.Node };
  return parent.name === identifier && (ts.isDeclarationStatement(parent) || ts.isClassElement(parent) || ts.isObjectLiteralElementLike(parent) || ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent) || ts.isTypeElement(parent) || ts.isImportSpecifier(parent) || ts.isEnumMember(parent));
}

function memberName(member: ts.ClassElement | ts.TypeElement): string | undefined {
  const name = member.name;
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** Whether an initializer calls or constructs something when its module loads (not inside a function it defines). */
function callsAtLoad(node: ts.Node): boolean {
  if (ts.isFunctionLike(node) || ts.isClassLike(node)) return false;
  if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node)) return true;
  return ts.forEachChild(node, (child) => (callsAtLoad(child) ? true : undefined)) ?? false;
}
