export type {
  AttributeDefinition,
  AttributeValueType,
  Dialect,
  EnumDefinition,
  EnumMember,
  JsonSchemaName,
  KindAttribute,
  RequirementLevel,
  SemconvModel,
  SpanKindDefinition,
  SpecSource,
  Stability,
} from './model-types';
