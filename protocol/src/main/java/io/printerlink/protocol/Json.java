package io.printerlink.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON for every wire message: size-capped, depth-capped, duplicate keys refused, unknown
 * fields refused, types exact (no "1" for 1), strings length-capped and free of control and
 * bidi-override characters. Records are built through their canonical constructors, so their
 * compact constructors validate the values. Writing uses Gson.
 */
public final class Json {
  private static final Gson GSON =
      new GsonBuilder().disableHtmlEscaping().registerTypeAdapter(Secret.class, new SecretAdapter()).create();

  private Json() {}

  /** Serialises a record or map. Secrets are written in clear: this is for the wire only. */
  public static String write(Object value) {
    return GSON.toJson(value);
  }

  /** Writes {@code {"type": type, ...body}} for a WebSocket message. */
  public static String writeMessage(String type, Record body) {
    JsonObject out = new JsonObject();
    out.addProperty("type", type);
    JsonElement tree = GSON.toJsonTree(body);
    for (Map.Entry<String, JsonElement> e : tree.getAsJsonObject().entrySet()) {
      out.add(e.getKey(), e.getValue());
    }
    return GSON.toJson(out);
  }

  /** Parses a body into {@code type}. */
  public static <T extends Record> T parse(String json, Class<T> type) throws JsonInputException {
    return toRecord(parseTree(json), type, "");
  }

  /** Parses a body given as bytes (UTF-8). */
  public static <T extends Record> T parse(byte[] utf8, Class<T> type) throws JsonInputException {
    if (utf8.length > Limits.MAX_BODY_BYTES) {
      throw tooLarge();
    }
    return parse(new String(utf8, StandardCharsets.UTF_8), type);
  }

  /** Parses a {@code {"type": ...}} message; the type must be one of {@code set}. */
  public static Message parseMessage(String json, MessageSet set) throws JsonInputException {
    JsonElement tree = parseTree(json);
    if (!tree.isJsonObject()) {
      throw new JsonInputException(ErrorCodes.BAD_JSON, "message must be a JSON object");
    }
    JsonObject obj = tree.getAsJsonObject().deepCopy();
    JsonElement typeEl = obj.remove("type");
    if (typeEl == null || !typeEl.isJsonPrimitive() || !typeEl.getAsJsonPrimitive().isString()) {
      throw new JsonInputException(ErrorCodes.INVALID_FIELD, "field 'type' is required and must be a string");
    }
    String type = typeEl.getAsString();
    Class<? extends Record> cls = set.classOf(type);
    if (cls == null) {
      throw new JsonInputException(ErrorCodes.INVALID_FIELD, "unknown message type");
    }
    return new Message(type, toRecord(obj, cls, ""));
  }

  /** Parses into a tree with the size, depth, duplicate-key and strictness checks. */
  public static JsonElement parseTree(String json) throws JsonInputException {
    if (json == null || json.isBlank()) {
      throw new JsonInputException(ErrorCodes.BAD_JSON, "body is empty");
    }
    if (json.length() > Limits.MAX_BODY_BYTES
        || json.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_BODY_BYTES) {
      throw tooLarge();
    }
    try (JsonReader reader = new JsonReader(new StringReader(json))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement el = read(reader, 0);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonInputException(ErrorCodes.BAD_JSON, "trailing data after JSON value");
      }
      return el;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new JsonInputException(ErrorCodes.BAD_JSON, "body is not valid JSON");
    }
  }

  private static JsonElement read(JsonReader r, int depth) throws IOException, JsonInputException {
    if (depth > Limits.MAX_DEPTH) {
      throw new JsonInputException(ErrorCodes.BAD_JSON, "JSON nested too deeply");
    }
    switch (r.peek()) {
      case BEGIN_OBJECT: {
        JsonObject obj = new JsonObject();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          if (obj.has(name)) {
            throw new JsonInputException(ErrorCodes.BAD_JSON, "duplicate field '" + safeName(name) + "'");
          }
          obj.add(name, read(r, depth + 1));
        }
        r.endObject();
        return obj;
      }
      case BEGIN_ARRAY: {
        JsonArray arr = new JsonArray();
        r.beginArray();
        while (r.hasNext()) {
          arr.add(read(r, depth + 1));
        }
        r.endArray();
        return arr;
      }
      case STRING:
        return new JsonPrimitive(r.nextString());
      case NUMBER:
        return new JsonPrimitive(new BigDecimal(r.nextString()));
      case BOOLEAN:
        return new JsonPrimitive(r.nextBoolean());
      case NULL:
        r.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new JsonInputException(ErrorCodes.BAD_JSON, "body is not valid JSON");
    }
  }

  /** Builds a record from a tree, refusing unknown fields and wrong types. */
  public static <T extends Record> T toRecord(JsonElement el, Class<T> type, String path)
      throws JsonInputException {
    if (!el.isJsonObject()) {
      throw invalid(path.isEmpty() ? "body" : path, "must be a JSON object");
    }
    JsonObject obj = el.getAsJsonObject();
    Shape shape = SHAPES.get(type);
    for (String key : obj.keySet()) {
      if (!shape.names.contains(key)) {
        throw new JsonInputException(ErrorCodes.UNKNOWN_FIELD, "unknown field '" + safeName(path + key) + "'");
      }
    }
    Object[] args = new Object[shape.components.length];
    for (int i = 0; i < args.length; i++) {
      Component c = shape.components[i];
      String field = path + c.name;
      JsonElement v = obj.get(c.name);
      if (v == null || v.isJsonNull()) {
        if (!c.optional) {
          throw invalid(field, "is required");
        }
        args[i] = null;
        continue;
      }
      args[i] = convert(v, c.genericType, field, c.max);
    }
    try {
      return type.cast(shape.constructor.newInstance(args));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException) {
        throw new JsonInputException(ErrorCodes.INVALID_FIELD, cause.getMessage());
      }
      throw new IllegalStateException("cannot build " + type.getSimpleName(), cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }

  /**
   * Each record type's components and canonical constructor, read by reflection once per type
   * (reflection on every message cost most of a heartbeat's parse: docs/benchmarks.md). A pure
   * function of the class, so this cache is not mutable state in the STYLE.md sense.
   */
  private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
    @Override
    protected Shape computeValue(Class<?> type) {
      return new Shape(type);
    }
  };

  private static final class Component {
    final String name;
    final Type genericType;
    final boolean optional;
    final int max;

    Component(RecordComponent c) {
      this.name = c.getName();
      this.genericType = c.getGenericType();
      this.optional = !c.getType().isPrimitive() && c.isAnnotationPresent(OptionalField.class);
      MaxLength m = c.getAnnotation(MaxLength.class);
      this.max = m == null ? -1 : m.value();
    }
  }

  private static final class Shape {
    final Component[] components;
    final java.util.Set<String> names;
    final Constructor<?> constructor;

    Shape(Class<?> type) {
      RecordComponent[] comps = type.getRecordComponents();
      components = new Component[comps.length];
      Class<?>[] types = new Class<?>[comps.length];
      for (int i = 0; i < comps.length; i++) {
        components[i] = new Component(comps[i]);
        types[i] = comps[i].getType();
      }
      names = java.util.Arrays.stream(components).map(c -> c.name).collect(java.util.stream.Collectors.toUnmodifiableSet());
      try {
        constructor = type.getDeclaredConstructor(types);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
      }
    }
  }

  private static Object convert(JsonElement v, Type type, String field, int max) throws JsonInputException {
    if (type instanceof ParameterizedType) {
      ParameterizedType pt = (ParameterizedType) type;
      if (pt.getRawType() != List.class) {
        throw new IllegalStateException("unsupported wire type " + type);
      }
      if (!v.isJsonArray()) {
        throw invalid(field, "must be an array");
      }
      JsonArray arr = v.getAsJsonArray();
      int cap = max > 0 ? max : 64;
      if (arr.size() > cap) {
        throw invalid(field, "has more than " + cap + " items");
      }
      List<Object> out = new ArrayList<>(arr.size());
      for (int i = 0; i < arr.size(); i++) {
        if (arr.get(i).isJsonNull()) {
          throw invalid(field + "[" + i + "]", "must not be null");
        }
        out.add(convert(arr.get(i), pt.getActualTypeArguments()[0], field + "[" + i + "]", -1));
      }
      return List.copyOf(out);
    }
    Class<?> cls = (Class<?>) type;
    if (cls == String.class || cls == Secret.class) {
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
        throw invalid(field, "must be a string");
      }
      String s = v.getAsString();
      int cap = max > 0 ? max : Limits.MAX_STRING;
      if (s.length() > cap) {
        throw invalid(field, "is longer than " + cap + " characters");
      }
      if (!isCleanText(s)) {
        throw invalid(field, "contains control or direction-override characters");
      }
      return cls == Secret.class ? Secret.fromText(s) : s;
    }
    if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
        throw invalid(field, "must be a number");
      }
      try {
        BigDecimal d = v.getAsBigDecimal();
        if (cls == int.class || cls == Integer.class) {
          return d.intValueExact();
        }
        return d.longValueExact();
      } catch (ArithmeticException e) {
        throw invalid(field, "must be a whole number in range");
      }
    }
    if (cls == boolean.class || cls == Boolean.class) {
      if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
        throw invalid(field, "must be true or false");
      }
      return v.getAsBoolean();
    }
    if (cls.isRecord()) {
      @SuppressWarnings("unchecked")
      Class<? extends Record> rc = (Class<? extends Record>) cls;
      return toRecord(v, rc, field + ".");
    }
    throw new IllegalStateException("unsupported wire type " + cls);
  }

  /** No C0/C1 controls, no bidi overrides/isolates, no unpaired surrogates. */
  public static boolean isCleanText(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (Character.isISOControl(ch)
          || (ch >= '\u202A' && ch <= '\u202E')
          || (ch >= '\u2066' && ch <= '\u2069')
          || ch == '\u200E' || ch == '\u200F' || ch == '\uFEFF') {
        return false;
      }
      if (Character.isHighSurrogate(ch)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(ch)) {
        return false;
      }
    }
    return true;
  }

  private static String safeName(String name) {
    String cut = name.length() > 40 ? name.substring(0, 40) + "..." : name;
    StringBuilder out = new StringBuilder();
    for (char ch : cut.toCharArray()) {
      out.append(Character.isLetterOrDigit(ch) || ch == '.' || ch == '_' || ch == '-' || ch == '[' || ch == ']' ? ch : '?');
    }
    return out.toString();
  }

  private static JsonInputException invalid(String field, String rule) {
    return new JsonInputException(ErrorCodes.INVALID_FIELD, "field '" + safeName(field) + "' " + rule);
  }

  private static JsonInputException tooLarge() {
    return new JsonInputException(ErrorCodes.TOO_LARGE, "body exceeds " + Limits.MAX_BODY_BYTES + " bytes");
  }

  private static final class SecretAdapter extends TypeAdapter<Secret> {
    @Override
    public void write(JsonWriter out, Secret value) throws IOException {
      if (value == null) {
        out.nullValue();
      } else {
        out.value(value.text(SecretAccess.REVEAL));
      }
    }

    @Override
    public Secret read(JsonReader in) {
      throw new UnsupportedOperationException("read secrets through Json.parse");
    }
  }
}
