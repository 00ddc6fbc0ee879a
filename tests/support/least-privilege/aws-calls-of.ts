import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../../lib/lambda-function.js';
import type { TableKind } from '../../../lib/table-access.js';
import { reachableCode, where } from './reachable-code.js';
import { perTransactionItem, sdkCommandActions, transactionItemActions } from './sdk-command-actions.js';

/** One AWS request a function's code can make, with the IAM action it needs. */
export interface AwsCall {
  /** `dynamodb:PutItem`, `sns:Publish`, … */
  readonly action: string;
  /** DynamoDB only: which table of `table-definition.ts` the request names. */
  readonly table?: TableKind;
  /** DynamoDB only: a Query or Scan of one of the table's indexes rather than of the table. */
  readonly index?: boolean;
  /** Where the command is constructed, and which: `lambdas/adapters/dynamo/dynamo-feed.ts:32 TransactWriteCommand`. */
  readonly site: string;
}

/** A partition key prefix (`partitionKeyPrefixes` of `table-definition.ts`) that reachable code builds keys with. */
export interface PartitionUse {
  readonly table: TableKind;
  readonly prefix: string;
  readonly site: string;
}

export interface AwsCallsOfFunction {
  readonly calls: readonly AwsCall[];
  readonly partitions: readonly PartitionUse[];
  /** What the derivation could not tell (a command missing from `sdkCommandActions`, a table it cannot name): each a failure. */
  readonly problems: readonly string[];
}

export interface AwsCallsOptions {
  /** File contents to use instead of those on disk, by path from the repository root: a source with one more call, say. */
  readonly sourceOverrides?: Readonly<Record<string, string>>;
}

/** A parameter's argument, with the bindings of the call it came from. */
interface Bound {
  readonly expression: ts.Expression;
  readonly bindings: Bindings;
}
type Bindings = ReadonlyMap<ts.ParameterDeclaration, Bound>;

/** An object literal as one of its possible values: its properties by name, and its computed keys (`[tableName]: …`). */
interface ObjectVariant {
  readonly properties: ReadonlyMap<string, Bound>;
  readonly computedKeys: readonly Bound[];
}

/** What a name holding a table name says about the table; any other name fails the derivation until it is named so. */
const tableOfName: Readonly<Record<string, TableKind>> = { tableName: 'main', recipientTableName: 'recipient' };

const noBindings: Bindings = new Map();

/**
 * The AWS requests each Lambda entry point (`lambdas/handlers/<name>.ts`) can make, derived from its
 * source: the code its entry can reach (`reachableCode`), every AWS SDK command that code constructs,
 * mapped to IAM actions by `sdkCommandActions`; for DynamoDB, the table each request names (by the
 * `TableName` expression: a name `tableName` is the main table, `recipientTableName` the recipient
 * table, followed through parameters to their arguments), whether it reads an index, and which
 * partition key prefixes the reachable code builds keys with.
 *
 * @example
 * const calls = awsCallsOf(['x-channel']).get('x-channel')!;
 * calls.calls; // [{ action: 'dynamodb:UpdateItem', table: 'main', index: false, site: '…dynamo-delivery-ledger.ts:76 UpdateCommand' }, …]
 */
export function awsCallsOf(handlerNames: readonly string[], options: AwsCallsOptions = {}): Map<string, AwsCallsOfFunction> {
  const entries = handlerNames.map((name) => path.join(projectRoot, 'lambdas', 'handlers', `${name}.ts`));
  const program = createProgram(entries, options.sourceOverrides ?? {});
  const checker = program.getTypeChecker();
  const sourceRoot = path.join(projectRoot, 'lambdas') + path.sep;
  const prefixDeclarations = partitionPrefixDeclarations(program);
  const diagnostics = program.getSyntacticDiagnostics();
  if (diagnostics.length > 0) throw new Error(ts.formatDiagnostics(diagnostics, formatHost));

  return new Map(
    handlerNames.map((name, index) => {
      const reachable = reachableCode(program, entries[index]!, sourceRoot);
      const calls: AwsCall[] = [];
      const partitions: PartitionUse[] = [];
      const problems = [...reachable.unsupported];
      const visited = new Set<ts.Node>();

      const visit = (node: ts.Node): void => {
        if (visited.has(node) || ts.isTypeNode(node)) return;
        visited.add(node);
        if (ts.isNewExpression(node)) command(node);
        else if (ts.isIdentifier(node) && !isInnerOfPropertyChain(node)) {
          const symbol = resolvedSymbol(node);
          for (const declaration of symbol?.declarations ?? []) {
            for (const use of prefixDeclarations.get(declaration) ?? []) partitions.push({ ...use, site: where(node) });
          }
        }
        ts.forEachChild(node, visit);
      };
      for (const root of reachable.roots) visit(root);
      return [name, { calls: dedupe(calls), partitions: dedupe(partitions), problems: [...new Set(problems)] }];

      function command(node: ts.NewExpression): void {
        const declaration = resolvedSymbol(node.expression)?.declarations?.find(ts.isClassDeclaration);
        const sdkPackage = declaration && /node_modules\/(@aws-sdk\/[^/]+)\/(?!.*node_modules\/)/.exec(declaration.getSourceFile().fileName)?.[1];
        const className = declaration?.name?.text;
        if (!sdkPackage || !className?.endsWith('Command')) return;
        const site = `${where(node)} ${className}`;
        const actions = sdkCommandActions[sdkPackage]?.[className];
        if (actions === undefined) {
          problems.push(`${site}: ${sdkPackage} ${className} is not in tests/support/least-privilege/sdk-command-actions.ts; add the IAM actions it needs`);
          return;
        }
        const input = node.arguments?.[0];
        if (!sdkPackage.includes('dynamodb')) {
          for (const action of actions === perTransactionItem ? [] : actions) calls.push({ action, site });
          return;
        }
        if (!input) {
          problems.push(`${site}: a DynamoDB command without input`);
          return;
        }
        try {
          if (actions === perTransactionItem) transactionCalls(input, site);
          else for (const action of actions) tableCalls(action, input, site);
        } catch (error) {
          if (!(error instanceof Unresolved)) throw error;
          problems.push(`${site}: ${error.message}`);
        }
      }

      function tableCalls(action: string, input: ts.Expression, site: string): void {
        for (const variant of objectVariants({ expression: input, bindings: noBindings })) {
          const requestItems = variant.properties.get('RequestItems');
          if (requestItems) {
            for (const items of objectVariants(requestItems)) {
              if (items.properties.size > 0) throw new Unresolved('RequestItems names a table by a literal key; key it by a table name variable ([tableName])');
              for (const key of items.computedKeys) for (const table of tablesOf(key)) calls.push({ action, table, index: false, site });
            }
            continue;
          }
          const tableName = variant.properties.get('TableName');
          if (!tableName) throw new Unresolved('cannot find the TableName of this request');
          const index = variant.properties.has('IndexName');
          for (const table of tablesOf(tableName)) calls.push({ action, table, index, site });
        }
      }

      function transactionCalls(input: ts.Expression, site: string): void {
        for (const variant of objectVariants({ expression: input, bindings: noBindings })) {
          const items = variant.properties.get('TransactItems');
          if (!items) throw new Unresolved('cannot find the TransactItems of this transaction');
          for (const item of arrayElements(items)) {
            for (const itemVariant of objectVariants(item)) {
              for (const [kind, body] of itemVariant.properties) {
                const action = transactionItemActions[kind];
                if (!action) throw new Unresolved(`a transaction item of kind ${kind}, which tests/support/least-privilege/sdk-command-actions.ts does not map`);
                tableCalls(action, body.expression, site);
              }
            }
          }
        }
      }

      /** The tables a `TableName` (or a `RequestItems` key) can name. */
      function tablesOf(bound: Bound): TableKind[] {
        const expression = unwrap(bound.expression);
        if (ts.isConditionalExpression(expression)) {
          return [...tablesOf({ expression: expression.whenTrue, bindings: bound.bindings }), ...tablesOf({ expression: expression.whenFalse, bindings: bound.bindings })];
        }
        if (ts.isIdentifier(expression)) {
          const declaration = resolvedSymbol(expression)?.declarations?.[0];
          if (declaration && ((ts.isParameter(declaration) && !ts.isParameterPropertyDeclaration(declaration, declaration.parent)) || (ts.isVariableDeclaration(declaration) && declaration.initializer))) {
            return valuesOf(expression, bound.bindings).flatMap(tablesOf);
          }
          // `const { tableName } = environment`: the property it was read from names the table.
          if (declaration && ts.isBindingElement(declaration)) return [tableNamed(declaration.propertyName ?? declaration.name, expression)];
        }
        if (ts.isPropertyAccessExpression(expression) && expression.expression.kind === ts.SyntaxKind.ThisKeyword) {
          const held = fieldValues(expression);
          if (held.length > 0) return held.flatMap(tablesOf);
        }
        const name = ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression) ? expression : undefined;
        return [tableNamed(name, expression)];
      }

      /** A table by the name of the variable, field or property holding it (`tableName`, `recipientTableName`). */
      function tableNamed(name: ts.Node | undefined, expression: ts.Expression): TableKind {
        const text = name === undefined ? undefined : ts.isPropertyAccessExpression(name) ? name.name.text : name.getText();
        const table = text === undefined ? undefined : tableOfName[text];
        if (!table) {
          throw new Unresolved(`cannot tell which table \`${expression.getText()}\` (${where(expression)}) names: hold table names in a variable or field named tableName (the main table) or recipientTableName`);
        }
        return table;
      }

      /**
       * What `this.field` was given: the arguments of each reachable `new` for a constructor parameter
       * property, the right-hand sides of `this.field = …` in the constructor for a declared field.
       * Empty when neither can be found (a field named after its table then speaks for itself).
       */
      function fieldValues(access: ts.PropertyAccessExpression): Bound[] {
        const declaration = resolvedSymbol(access.name)?.declarations?.[0];
        if (declaration && ts.isParameter(declaration) && ts.isParameterPropertyDeclaration(declaration, declaration.parent)) {
          const sites = reachable.callsTo.get(declaration.parent) ?? [];
          const position = declaration.parent.parameters.indexOf(declaration);
          return sites.flatMap((site) => (site.arguments?.[position] ? [{ expression: site.arguments[position]!, bindings: noBindings }] : []));
        }
        if (declaration && ts.isPropertyDeclaration(declaration)) {
          const values: Bound[] = declaration.initializer ? [{ expression: declaration.initializer, bindings: noBindings }] : [];
          const constructor = declaration.parent.members.find(ts.isConstructorDeclaration);
          const visit = (node: ts.Node): void => {
            if (
              ts.isBinaryExpression(node) &&
              node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
              ts.isPropertyAccessExpression(node.left) &&
              node.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
              node.left.name.text === access.name.text
            ) {
              values.push({ expression: node.right, bindings: noBindings });
            }
            ts.forEachChild(node, visit);
          };
          if (constructor?.body) visit(constructor.body);
          return values;
        }
        return [];
      }

      /** The values an object expression can have, each as its own variant (a helper called from two places has two). */
      function objectVariants(bound: Bound): ObjectVariant[] {
        const expression = unwrap(bound.expression);
        if (ts.isObjectLiteralExpression(expression)) {
          let variants: ObjectVariant[] = [{ properties: new Map(), computedKeys: [] }];
          for (const property of expression.properties) {
            if (ts.isSpreadAssignment(property)) {
              const spread = objectVariants({ expression: property.expression, bindings: bound.bindings });
              variants = variants.flatMap((variant) => spread.map((other) => merge(variant, other)));
            } else if (ts.isPropertyAssignment(property) && ts.isComputedPropertyName(property.name)) {
              const key = { expression: property.name.expression, bindings: bound.bindings };
              variants = variants.map((variant) => ({ ...variant, computedKeys: [...variant.computedKeys, key] }));
            } else if (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) {
              const name = property.name.getText();
              const value = { expression: ts.isPropertyAssignment(property) ? property.initializer : property.name, bindings: bound.bindings };
              variants = variants.map((variant) => ({ ...variant, properties: new Map([...variant.properties, [name, value]]) }));
            }
          }
          return variants;
        }
        if (ts.isConditionalExpression(expression)) {
          return [...objectVariants({ expression: expression.whenTrue, bindings: bound.bindings }), ...objectVariants({ expression: expression.whenFalse, bindings: bound.bindings })];
        }
        if (ts.isIdentifier(expression)) return valuesOf(expression, bound.bindings).flatMap(objectVariants);
        if (ts.isCallExpression(expression)) return returnedValues(expression, bound.bindings).flatMap(objectVariants);
        throw new Unresolved(`cannot follow \`${expression.getText()}\` (${where(expression)}) to an object literal`);
      }

      /** The elements an array expression can hold (`[a, ...b.map((x) => ({ … })), ...(c ? [d] : [])]`). */
      function arrayElements(bound: Bound): Bound[] {
        const expression = unwrap(bound.expression);
        if (ts.isArrayLiteralExpression(expression)) {
          return expression.elements.flatMap((element) =>
            ts.isSpreadElement(element) ? arrayElements({ expression: element.expression, bindings: bound.bindings }) : [{ expression: element, bindings: bound.bindings }],
          );
        }
        if (ts.isConditionalExpression(expression)) {
          return [...arrayElements({ expression: expression.whenTrue, bindings: bound.bindings }), ...arrayElements({ expression: expression.whenFalse, bindings: bound.bindings })];
        }
        if (ts.isIdentifier(expression)) return valuesOf(expression, bound.bindings).flatMap(arrayElements);
        if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && ['map', 'flatMap'].includes(expression.expression.name.text)) {
          const callback = expression.arguments[0];
          if (!callback || !(ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) throw new Unresolved(`cannot follow the callback of \`${expression.getText()}\``);
          const results = returnExpressions(callback).map((result) => ({ expression: result, bindings: bound.bindings }));
          return expression.expression.name.text === 'map' ? results : results.flatMap(arrayElements);
        }
        if (ts.isCallExpression(expression)) return returnedValues(expression, bound.bindings).flatMap(arrayElements);
        throw new Unresolved(`cannot follow \`${expression.getText()}\` (${where(expression)}) to an array literal`);
      }

      /** What an identifier can hold: a local's initializer, or a parameter's argument at each reachable call. */
      function valuesOf(identifier: ts.Identifier, bindings: Bindings): Bound[] {
        const declaration = resolvedSymbol(identifier)?.declarations?.[0];
        if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) return [{ expression: declaration.initializer, bindings }];
        if (declaration && ts.isParameter(declaration)) {
          const bound = bindings.get(declaration);
          if (bound) return [bound];
          const fn = declaration.parent;
          const position = fn.parameters.indexOf(declaration);
          const calls = reachable.callsTo.get(fn) ?? [];
          if (calls.length === 0) throw new Unresolved(`\`${identifier.text}\` is a parameter of a function no reachable call passes it to (${where(fn)})`);
          return calls.map((call) => {
            const argument = call.arguments?.[position];
            if (!argument) throw new Unresolved(`a call at ${where(call)} leaves \`${identifier.text}\` out`);
            return { expression: argument, bindings: noBindings };
          });
        }
        throw new Unresolved(`cannot follow \`${identifier.text}\` (${where(identifier)}) to its value`);
      }

      /** What a call to one of our functions returns, its parameters bound to this call's arguments. */
      function returnedValues(call: ts.CallExpression, bindings: Bindings): Bound[] {
        const declaration = resolvedSymbol(ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression)?.declarations?.[0];
        const fn = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : declaration;
        if (!fn || !(ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isMethodDeclaration(fn)) || fn.getSourceFile().isDeclarationFile) {
          throw new Unresolved(`cannot follow the call \`${call.expression.getText()}\` (${where(call)}) to what it returns`);
        }
        const inner = new Map(bindings);
        fn.parameters.forEach((parameter, position) => {
          const argument = call.arguments[position];
          if (argument) inner.set(parameter, { expression: argument, bindings });
        });
        return returnExpressions(fn).map((expression) => ({ expression, bindings: inner }));
      }

      function resolvedSymbol(node: ts.Node): ts.Symbol | undefined {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        return symbol;
      }
    }),
  );
}

class Unresolved extends Error {}

function createProgram(entries: readonly string[], overrides: Readonly<Record<string, string>>): ts.Program {
  const configFile = ts.readConfigFile(path.join(projectRoot, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, projectRoot);
  const host = ts.createCompilerHost(options, true);
  const replaced = new Map(Object.entries(overrides).map(([file, text]) => [path.join(projectRoot, file), text]));
  const { getSourceFile, readFile } = host;
  host.readFile = (file) => replaced.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) => {
    const text = replaced.get(file);
    return text === undefined ? getSourceFile.call(host, file, languageVersion, onError, shouldCreate) : ts.createSourceFile(file, text, languageVersion, true);
  };
  return ts.createProgram({ rootNames: entries, options: { ...options, noEmit: true }, host });
}

/** The declarations of `partitionKeyPrefixes` (each prefix, each table, the whole) and the prefixes a reference to each stands for. */
function partitionPrefixDeclarations(program: ts.Program): Map<ts.Node, { table: TableKind; prefix: string }[]> {
  const file = program.getSourceFile(path.join(projectRoot, 'lambdas', 'core', 'store', 'table-definition.ts'));
  const declaration = file?.statements
    .filter(ts.isVariableStatement)
    .flatMap((statement) => [...statement.declarationList.declarations])
    .find((candidate) => candidate.name.getText() === 'partitionKeyPrefixes');
  const tables = declaration?.initializer && unwrap(declaration.initializer);
  if (!declaration || !tables || !ts.isObjectLiteralExpression(tables)) throw new Error('lambdas/core/store/table-definition.ts declares no partitionKeyPrefixes object');
  const uses = new Map<ts.Node, { table: TableKind; prefix: string }[]>();
  const all: { table: TableKind; prefix: string }[] = [];
  for (const table of tables.properties.filter(ts.isPropertyAssignment)) {
    const kind = table.name.getText() as TableKind;
    const prefixes = unwrap(table.initializer);
    if (!ts.isObjectLiteralExpression(prefixes)) continue;
    const ofTable = prefixes.properties.filter(ts.isPropertyAssignment).map((family) => {
      const value = unwrap(family.initializer);
      if (!ts.isStringLiteral(value)) throw new Error(`partitionKeyPrefixes.${kind}.${family.name.getText()} is not a string literal`);
      const use = { table: kind, prefix: value.text };
      uses.set(family, [use]);
      return use;
    });
    uses.set(table, ofTable);
    all.push(...ofTable);
  }
  uses.set(declaration, all);
  return uses;
}

/** `a` and `b` of `a.b.c`: only the whole chain (`c`) says which prefix is used. */
function isInnerOfPropertyChain(identifier: ts.Identifier): boolean {
  const access = ts.isPropertyAccessExpression(identifier.parent) && identifier.parent.name === identifier ? identifier.parent : identifier;
  return ts.isPropertyAccessExpression(access.parent) && access.parent.expression === access;
}

function returnExpressions(fn: ts.SignatureDeclaration): ts.Expression[] {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const found: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

function unwrap(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) || ts.isTypeAssertionExpression(current)) {
    current = current.expression;
  }
  return current;
}

function merge(left: ObjectVariant, right: ObjectVariant): ObjectVariant {
  return { properties: new Map([...left.properties, ...right.properties]), computedKeys: [...left.computedKeys, ...right.computedKeys] };
}

function dedupe<Item>(items: readonly Item[]): Item[] {
  return [...new Map(items.map((item) => [JSON.stringify(item), item])).values()];
}

const formatHost: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (file) => file,
  getCurrentDirectory: () => projectRoot,
  getNewLine: () => '\n',
};
