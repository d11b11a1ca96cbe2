package io.returnflow.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A GraphQL operation read far enough for the sandbox Shopify: its kind, its selections with their
 * arguments (variables resolved), and the requested cost Shopify computes before running it.
 * Fragments spread by name are not supported (the service sends none); inline fragments are.
 */
final class SandboxGraphQLDocument {

    /** Shopify's single-query limit: a query whose requested cost is over it is refused, not run. */
    static final int MAX_COST = 1000;
    /** Shopify prices every mutation field at 10 points. */
    private static final int MUTATION_COST = 10;

    /** A field: its name, arguments (variables resolved; null for a variable not given) and selections. */
    record Field(String name, Map<String, Object> arguments, List<Field> selections, boolean inlineFragment) {

        Field child(String childName) {
            for (Field field : selections) {
                if (field.name.equals(childName)) {
                    return field;
                }
            }
            return null;
        }

        int intArgument(String argument, int otherwise) {
            Object value = arguments.get(argument);
            return value instanceof Number number ? number.intValue() : otherwise;
        }

        String stringArgument(String argument) {
            Object value = arguments.get(argument);
            return value == null ? null : value.toString();
        }
    }

    private final boolean mutation;
    private final List<Field> root;

    private SandboxGraphQLDocument(boolean mutation, List<Field> root) {
        this.mutation = mutation;
        this.root = root;
    }

    /** @throws IllegalArgumentException when the document cannot be read */
    static SandboxGraphQLDocument parse(String document, JsonNode variables) {
        return new Parser(document, variables).operation();
    }

    List<Field> root() {
        return root;
    }

    /**
     * Shopify's published calculation ("GraphQL Admin API rate limits", and its engineering post on
     * query cost): a scalar or enum 0, an object 1, a connection 2 plus its page size ({@code first}
     * or {@code last}) times the cost of one node, nested connections multiplying; a mutation 10.
     */
    int requestedCost() {
        if (mutation) {
            return root.size() * MUTATION_COST;
        }
        int cost = 0;
        for (Field field : root) {
            cost += cost(field);
        }
        return cost;
    }

    private static int cost(Field field) {
        if (field.inlineFragment) {
            return selectionsCost(field.selections);
        }
        if (field.selections.isEmpty()) {
            return 0; // scalar or enum
        }
        Object size = field.arguments.containsKey("first") ? field.arguments.get("first") : field.arguments.get("last");
        if (size instanceof Number pageSize) {
            int perNode = 0;
            int once = 0;
            for (Field child : field.selections) {
                switch (child.name) {
                    case "nodes" -> perNode += 1 + selectionsCost(child.selections);
                    case "edges" -> {
                        Field node = child.child("node");
                        perNode += 1 + (node == null ? 0 : selectionsCost(node.selections));
                    }
                    default -> once += cost(child);
                }
            }
            return 2 + pageSize.intValue() * perNode + once;
        }
        return 1 + selectionsCost(field.selections);
    }

    /** Inline fragments of one selection are alternatives: the dearest counts. */
    private static int selectionsCost(List<Field> selections) {
        int cost = 0;
        int fragments = 0;
        for (Field field : selections) {
            if (field.inlineFragment) {
                fragments = Math.max(fragments, cost(field));
            } else {
                cost += cost(field);
            }
        }
        return cost + fragments;
    }

    private static final class Parser {
        private final String text;
        private final JsonNode variables;
        private int at;

        Parser(String text, JsonNode variables) {
            this.text = text;
            this.variables = variables == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : variables;
        }

        SandboxGraphQLDocument operation() {
            skip();
            boolean isMutation = false;
            if (peekName()) {
                String kind = name();
                if (!kind.equals("query") && !kind.equals("mutation")) {
                    throw new IllegalArgumentException("unknown operation " + kind);
                }
                isMutation = kind.equals("mutation");
                skip();
                if (peekName()) {
                    name();
                }
                skip();
                if (peek('(')) {
                    skipBalanced('(', ')');
                    skip();
                }
            }
            return new SandboxGraphQLDocument(isMutation, selectionSet());
        }

        private List<Field> selectionSet() {
            expect('{');
            List<Field> fields = new ArrayList<>();
            skip();
            while (!peek('}')) {
                fields.add(selection());
                skip();
            }
            expect('}');
            return fields;
        }

        private Field selection() {
            if (text.startsWith("...", at)) {
                at += 3;
                skip();
                if (!name().equals("on")) {
                    throw new IllegalArgumentException("named fragments are not supported");
                }
                skip();
                String type = name();
                skip();
                return new Field(type, Map.of(), selectionSet(), true);
            }
            String name = name();
            skip();
            if (peek(':')) {
                at++;
                skip();
                name = name();
                skip();
            }
            Map<String, Object> arguments = new LinkedHashMap<>();
            if (peek('(')) {
                at++;
                skip();
                while (!peek(')')) {
                    String argument = name();
                    skip();
                    expect(':');
                    skip();
                    arguments.put(argument, value());
                    skip();
                    if (peek(',')) {
                        at++;
                        skip();
                    }
                }
                expect(')');
                skip();
            }
            List<Field> selections = peek('{') ? selectionSet() : List.of();
            return new Field(name, arguments, selections, false);
        }

        private Object value() {
            if (peek('$')) {
                at++;
                JsonNode value = variables.path(name());
                return value.isMissingNode() || value.isNull() ? null : value.isNumber() ? value.numberValue() : value.asText();
            }
            if (peek('"')) {
                int end = text.indexOf('"', at + 1);
                String value = text.substring(at + 1, end);
                at = end + 1;
                return value;
            }
            if (peek('[')) {
                skipBalanced('[', ']');
                return null;
            }
            if (peek('{')) {
                skipBalanced('{', '}');
                return null;
            }
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || "-._".indexOf(text.charAt(at)) >= 0)) {
                at++;
            }
            String literal = text.substring(start, at);
            return literal.matches("-?[0-9]+") ? Integer.valueOf(literal) : literal;
        }

        private void skipBalanced(char open, char close) {
            int depth = 0;
            do {
                char c = text.charAt(at++);
                if (c == open) {
                    depth++;
                } else if (c == close) {
                    depth--;
                }
            } while (depth > 0);
        }

        private boolean peek(char c) {
            return at < text.length() && text.charAt(at) == c;
        }

        private boolean peekName() {
            return at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == '_');
        }

        private String name() {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("expected a name at " + at);
            }
            return text.substring(start, at);
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at);
            }
            at++;
        }

        /** Whitespace, commas and comments are insignificant in GraphQL. */
        private void skip() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (Character.isWhitespace(c) || c == ',') {
                    at++;
                } else if (c == '#') {
                    while (at < text.length() && text.charAt(at) != '\n') {
                        at++;
                    }
                } else {
                    return;
                }
            }
        }
    }
}
